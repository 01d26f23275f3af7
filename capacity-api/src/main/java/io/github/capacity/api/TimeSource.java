package io.github.capacity.api;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the engine and its plugins read and wait on time. Keeping the two readings apart matters:
 * the wall clock places the calendar minute (NTP keeps a fleet in step), the monotonic clock
 * measures intervals and latencies (it never jumps).
 *
 * <p>Implementations are thread safe. Tests pass a fake that advances time instead of sleeping.
 */
public interface TimeSource {

  /** Milliseconds since the Unix epoch, as {@link System#currentTimeMillis()}. */
  long wallMillis();

  /** Monotonic nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Waits {@code nanos} nanoseconds of {@link #nanoTime()} time. Returns at once when {@code nanos
   * <= 0}.
   *
   * @throws InterruptedException when the waiting thread is interrupted, which is how the engine
   *     wakes its scheduler early (a configuration change, the stop file).
   */
  void sleepNanos(long nanos) throws InterruptedException;

  /** The real clocks of this JVM. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}

/** {@link TimeSource#system()}: parks rather than sleeps for sub-millisecond precision. */
enum SystemTimeSource implements TimeSource {
  INSTANCE;

  @Override
  public long wallMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void sleepNanos(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      // parkNanos may return early (spuriously or on unpark); loop until the deadline.
      LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
