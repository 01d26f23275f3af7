package io.github.capacity.api.testing;

import io.github.capacity.api.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link TimeSource} whose time moves only when told to or when something sleeps on it. A sleep
 * returns at once, having advanced both clocks by the time asked, and is recorded, so that a whole
 * schedule is one assertion. Actions scheduled with {@link #at} run when time reaches them, on the
 * thread that moves time, which lets a test script "the line is removed at second 30".
 *
 * <p>Thread safe; actions run outside the lock.
 */
public final class FakeTimeSource implements TimeSource {
  private record Scheduled(long atNanos, long sequence, Runnable action) {}

  private final PriorityQueue<Scheduled> scheduled =
      new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
          ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
  private final List<Long> sleeps = new ArrayList<>();
  private final long wallOriginMillis;
  private long nanos;
  private long sequence;

  /** Starts at {@code wallMillis} on the wall clock and at nanoTime 1,000,000,000. */
  public FakeTimeSource(long wallMillis) {
    this.wallOriginMillis = wallMillis;
    this.nanos = 1_000_000_000L;
  }

  /** A fake placed at {@code secondOfMinute} into 2026-01-01T00:00Z. */
  public static FakeTimeSource atSecond(double secondOfMinute) {
    FakeTimeSource time = new FakeTimeSource(1_767_225_600_000L);
    time.advanceNanos(Math.round(secondOfMinute * 1e9));
    return time;
  }

  @Override
  public synchronized long wallMillis() {
    return wallOriginMillis + Math.floorDiv(nanos - 1_000_000_000L, 1_000_000L);
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  /**
   * Advances time by {@code sleepNanos}, running the actions due on the way. Like a real sleep, it
   * ends early with an {@link InterruptedException} when an action interrupts the sleeping thread
   * (an action that wakes the engine, say), with time left at that action's instant.
   */
  @Override
  public void sleepNanos(long sleepNanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    synchronized (this) {
      sleeps.add(sleepNanos);
    }
    if (!advance(Math.max(0, sleepNanos), true)) {
      throw new InterruptedException();
    }
  }

  /** Moves time forward, running the actions that fall due on the way, each at its own time. */
  public void advanceNanos(long delta) {
    advance(delta, false);
  }

  /** Returns false when stopped early because an action interrupted this thread. */
  private boolean advance(long delta, boolean stopOnInterrupt) {
    long target;
    synchronized (this) {
      target = nanos + delta;
    }
    while (true) {
      Scheduled next;
      synchronized (this) {
        next = scheduled.peek();
        if (next == null || next.atNanos > target) {
          nanos = Math.max(nanos, target);
          return true;
        }
        scheduled.poll();
        nanos = Math.max(nanos, next.atNanos);
      }
      next.action.run();
      if (stopOnInterrupt && Thread.interrupted()) {
        return false;
      }
    }
  }

  /** Moves time forward by {@code millis}. */
  public void advanceMillis(long millis) {
    advanceNanos(millis * 1_000_000L);
  }

  /** Runs {@code action} when {@link #nanoTime()} reaches {@code atNanos}. */
  public synchronized void at(long atNanos, Runnable action) {
    scheduled.add(new Scheduled(atNanos, sequence++, action));
  }

  /** Runs {@code action} when the wall clock reaches {@code epochMillis}. */
  public synchronized void atWallMillis(long epochMillis, Runnable action) {
    at(1_000_000_000L + (epochMillis - wallOriginMillis) * 1_000_000L, action);
  }

  /** Every sleep so far, in nanoseconds, oldest first. */
  public synchronized List<Long> sleeps() {
    return List.copyOf(sleeps);
  }
}
