package io.github.capacity.core.guard;

/**
 * The recent executions of one test, as a ring of per-second buckets of counts: memory is fixed by
 * the window's length and the number of conditions, whatever the rate. Each bucket counts the
 * executions that ended in its second: ran, failed, dropped, and for each percentile condition
 * those beyond its limit. Running totals make every judgement O(conditions).
 *
 * <p>The window at second {@code s} covers seconds {@code s - length + 1} to {@code s}. A result
 * that ended before the window (a slow completion on another thread) is left out.
 *
 * <p>Not thread safe: its {@link Guard} holds the lock.
 */
final class SlidingWindow {
  private final int seconds;
  private final int conditions;
  private final long[] ran;
  private final long[] failed;
  private final long[] dropped;
  /** {@code beyond[bucket * conditions + c]}: latencies beyond condition c's limit. */
  private final long[] beyond;
  private long totalRan;
  private long totalFailed;
  private long totalDropped;
  private final long[] totalBeyond;
  private long newestSecond = Long.MIN_VALUE;

  SlidingWindow(int seconds, int conditions) {
    if (seconds < 1) {
      throw new IllegalArgumentException("window seconds < 1: " + seconds);
    }
    this.seconds = seconds;
    this.conditions = conditions;
    this.ran = new long[seconds];
    this.failed = new long[seconds];
    this.dropped = new long[seconds];
    this.beyond = new long[seconds * conditions];
    this.totalBeyond = new long[conditions];
  }

  /**
   * Counts one execution that ended in {@code epochSecond}.
   *
   * @param beyondLimits for each condition, whether this latency is beyond its limit (may be
   *     {@code null} for a dropped execution)
   * @return whether it was counted: false when it ended before the window
   */
  boolean add(long epochSecond, boolean wasDropped, boolean wasFailed, boolean[] beyondLimits) {
    slideTo(epochSecond);
    if (epochSecond <= newestSecond - seconds) {
      return false;
    }
    int slot = slot(epochSecond);
    if (wasDropped) {
      dropped[slot]++;
      totalDropped++;
      return true;
    }
    ran[slot]++;
    totalRan++;
    if (wasFailed) {
      failed[slot]++;
      totalFailed++;
    }
    for (int c = 0; c < conditions; c++) {
      if (beyondLimits[c]) {
        beyond[slot * conditions + c]++;
        totalBeyond[c]++;
      }
    }
    return true;
  }

  /** Moves the window's end to {@code epochSecond}, emptying the buckets that fall out of it. */
  void slideTo(long epochSecond) {
    if (epochSecond <= newestSecond) {
      return;
    }
    long from = newestSecond == Long.MIN_VALUE ? epochSecond - seconds + 1
        : Math.max(newestSecond + 1, epochSecond - seconds + 1);
    for (long s = from; s <= epochSecond; s++) {
      clear(slot(s));
    }
    newestSecond = epochSecond;
  }

  private void clear(int slot) {
    totalRan -= ran[slot];
    totalFailed -= failed[slot];
    totalDropped -= dropped[slot];
    ran[slot] = 0;
    failed[slot] = 0;
    dropped[slot] = 0;
    for (int c = 0; c < conditions; c++) {
      totalBeyond[c] -= beyond[slot * conditions + c];
      beyond[slot * conditions + c] = 0;
    }
  }

  private int slot(long epochSecond) {
    return (int) Math.floorMod(epochSecond, (long) seconds);
  }

  WindowFigures figures() {
    return new WindowFigures(seconds, totalRan, totalFailed, totalDropped);
  }

  /** Latencies in the window beyond condition {@code c}'s limit. */
  long beyond(int c) {
    return totalBeyond[c];
  }
}
