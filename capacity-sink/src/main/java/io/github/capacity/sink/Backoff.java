package io.github.capacity.sink;

/**
 * The wait before the next delivery attempt after {@code failures} failures in a row: 100 ms,
 * doubling, at most 30 s. Pure and stateless.
 */
public final class Backoff {
  /** The first wait. */
  public static final long MIN_NANOS = 100_000_000L;
  /** The longest wait. */
  public static final long MAX_NANOS = 30_000_000_000L;

  private Backoff() {}

  /** The wait in nanoseconds after {@code failures} (at least 1) consecutive failures. */
  public static long delayNanos(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 20));
    return Math.min(MAX_NANOS, MIN_NANOS << doublings);
  }
}
