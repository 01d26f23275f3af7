package io.github.capacity.core.pacing;

/**
 * Keeps a scheduler that fell behind its {@link Schedule} (a JVM pausing while it warms up, a
 * busy host taking the CPU for a few milliseconds) from starting everything then due at once.
 * Starts may run ahead of the planned rate by at most the catch-up factor, with a burst of at
 * most {@link #BURST_NANOS} worth of starts at that pace: the same limit the schedule's own
 * catch-up keeps, now also after a stall. A token bucket, in arithmetic on the caller's clock.
 *
 * <p>The caller asks it only for starts well behind their plan (a backlog): the bucket is drained
 * by a catch-up that runs at exactly the factor, so jitter of a fraction of a millisecond held
 * back by it would add up over the catch-up. Behind, it spreads what is due at {@code factor}
 * times the rate; the delay counts in the schedule lag and the latency, both measured from the
 * plan.
 *
 * <p>Not thread safe: the scheduler thread's only.
 */
public final class StartBudget {
  /** The largest burst, as time at the catch-up pace: one millisecond. */
  public static final long BURST_NANOS = 1_000_000;
  /** Rounding slack, so that catch-up slots spaced exactly at the refill rate are never held. */
  private static final double SLACK = 1e-6;

  private final double startsPerNano;
  private final double capacity;
  private double tokens;
  private long updatedNanos;

  /**
   * @param frequency executions planned in the window
   * @param windowNanos the window's length
   * @param maxFactor the catch-up rate limit as a multiple of the rate, {@code > 1}
   * @param nowNanos the clock's reading when the schedule starts: the bucket starts full
   */
  public StartBudget(int frequency, long windowNanos, double maxFactor, long nowNanos) {
    this.startsPerNano = frequency * maxFactor / windowNanos;
    this.capacity = Math.max(1.0, startsPerNano * BURST_NANOS);
    this.tokens = capacity;
    this.updatedNanos = nowNanos;
  }

  /** Whether a start may happen at {@code nowNanos}; if so it is counted. */
  public boolean tryStart(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1 - SLACK) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** The earliest time the next start may happen. */
  public long nextStartNanos() {
    if (tokens >= 1 - SLACK) {
      return updatedNanos;
    }
    return updatedNanos + (long) Math.ceil((1 - SLACK - tokens) / startsPerNano);
  }

  private void refill(long nowNanos) {
    if (nowNanos > updatedNanos) {
      tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) * startsPerNano);
      updatedNanos = nowNanos;
    }
  }
}
