package io.github.capacity.report;

/**
 * The time axis shared by every chart: buckets of a whole number of seconds, aligned to the
 * epoch. It starts at one second; when the times seen span more than {@link #MAX_BUCKETS}
 * buckets, the width steps up to the next of {@link #WIDTHS_SECONDS}, each a multiple of the one
 * before, so the buckets already filled merge whole into the wider ones. This keeps the memory of
 * a day's file bounded (and its charts no wider than a screen can show) without reading it twice.
 * With many tests, {@link #limit} lowers the number of buckets so that all tests together keep
 * a bounded number of them.
 * Not thread safe.
 */
final class Timeline {
  static final int MAX_BUCKETS = 1800;
  static final int[] WIDTHS_SECONDS = {1, 2, 10, 20, 60, 120, 600, 1200, 3600, 7200, 21600, 86400};

  private int maxBuckets;
  private int widthIndex;
  private long minSecond = Long.MAX_VALUE;
  private long maxSecond = Long.MIN_VALUE;

  Timeline() {
    this(MAX_BUCKETS, 1);
  }

  /** {@code minWidthSeconds}: the narrowest bucket wanted, rounded up to one of the widths. */
  Timeline(int maxBuckets, int minWidthSeconds) {
    if (maxBuckets < 2) {
      throw new IllegalArgumentException("maxBuckets < 2: " + maxBuckets);
    }
    this.maxBuckets = maxBuckets;
    while (widthIndex < WIDTHS_SECONDS.length - 1 && WIDTHS_SECONDS[widthIndex] < minWidthSeconds) {
      widthIndex++;
    }
  }

  int widthSeconds() {
    return WIDTHS_SECONDS[widthIndex];
  }

  /**
   * Takes {@code epochMillis} into the axis. Returns 0 when the width stays, else the factor by
   * which it grew: the caller merges its buckets by that factor ({@link #index} after the call).
   */
  int admit(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000L);
    if (second >= minSecond && second <= maxSecond) {
      return 0;
    }
    minSecond = Math.min(minSecond, second);
    maxSecond = Math.max(maxSecond, second);
    int before = widthSeconds();
    while (widthIndex < WIDTHS_SECONDS.length - 1 && span() > maxBuckets) {
      widthIndex++;
    }
    return widthSeconds() == before ? 0 : widthSeconds() / before;
  }

  /**
   * Lowers the number of buckets allowed (more tests share the memory). Returns 0 when the width
   * stays, else the factor by which it grew, as {@link #admit}.
   */
  int limit(int buckets) {
    maxBuckets = Math.max(2, Math.min(maxBuckets, buckets));
    int before = widthSeconds();
    while (!isEmpty() && widthIndex < WIDTHS_SECONDS.length - 1 && span() > maxBuckets) {
      widthIndex++;
    }
    return widthSeconds() == before ? 0 : widthSeconds() / before;
  }

  int maxBuckets() {
    return maxBuckets;
  }

  private long span() {
    long width = widthSeconds();
    return Math.floorDiv(maxSecond, width) - Math.floorDiv(minSecond, width) + 1;
  }

  /** The bucket of {@code epochMillis}: its start in seconds divided by the width. */
  long index(long epochMillis) {
    return Math.floorDiv(Math.floorDiv(epochMillis, 1000L), (long) widthSeconds());
  }

  boolean isEmpty() {
    return minSecond == Long.MAX_VALUE;
  }

  /** The first bucket, valid when not empty. */
  long firstIndex() {
    return Math.floorDiv(minSecond, (long) widthSeconds());
  }

  long lastIndex() {
    return Math.floorDiv(maxSecond, (long) widthSeconds());
  }

  long minSecond() {
    return minSecond;
  }

  long maxSecond() {
    return maxSecond;
  }
}
