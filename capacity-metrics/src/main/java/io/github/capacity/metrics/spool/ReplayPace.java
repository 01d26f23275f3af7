package io.github.capacity.metrics.spool;

/**
 * How many spooled bytes may be replayed now: a token bucket refilled at {@code bytesPerSecond},
 * holding at most one second's worth, so that a recovered server sees at most that rate on top of
 * the live results. A record may overdraw the bucket once (a record larger than a second's worth
 * still goes), and the debt is paid before the next. Pure: the caller passes the monotonic time.
 * Not thread safe.
 */
final class ReplayPace {
  private final long bytesPerSecond;
  private double tokens;
  private long lastNanos;
  private boolean started;

  ReplayPace(long bytesPerSecond) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bytesPerSecond < 1: " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
  }

  /** The bytes that may go at {@code nowNanos}; above 0 means one more record may go. */
  long available(long nowNanos) {
    if (!started) {
      started = true;
      lastNanos = nowNanos;
      tokens = bytesPerSecond;
    }
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    tokens = Math.min(bytesPerSecond, tokens + elapsed * (bytesPerSecond / 1e9));
    return (long) Math.floor(tokens);
  }

  /** Takes {@code bytes} sent; the bucket may go below zero once. */
  void spend(long bytes) {
    tokens -= bytes;
  }
}
