package io.github.capacity.core.pacing;

/**
 * When each execution of one test starts within one window (a calendar minute).
 *
 * <h2>Design</h2>
 *
 * <p>The schedule plans start times, not gaps: execution {@code k} of {@code F} is planned at
 * {@code W + phase + floor(k * windowNanos / F)}, computed from the window's absolute start {@code
 * W}, so rounding never accumulates and the next window continues at exactly the same spacing
 * ({@code F * interval = windowNanos}). The phase, fixed per host and test ({@link #phaseNanos}),
 * keeps a fleet that cron starts in the same second from firing in lockstep.
 *
 * <p>A test that starts late in its window, at {@code s}, having already run {@code d} executions
 * of it (0 for a fresh start; more when its frequency changed mid-window), finds {@code m} planned
 * starts already in the past. With {@link CatchUp#SPREAD} and {@code d < m} it owes {@code m - d}:
 * execution {@code j >= d} then starts at {@code max(planned(j), s + (j - d) * interval / factor)}.
 * That is the plan itself once caught up, and before that a line at {@code factor} times the rate
 * from {@code s}; the spacing between any two starts is never below {@code interval / factor}. A
 * start {@code x} late is caught up {@code x / (factor - 1)} later. Starts that would fall past the
 * window's end are skipped. With {@link CatchUp#SKIP}, or when nothing is owed (the frequency went
 * down), only the plan's starts from {@code s} on run.
 *
 * <p>Immutable and thread safe; all arithmetic, no clock.
 */
public final class Schedule {
  private final long windowStartNanos;
  private final long windowNanos;
  private final int frequency;
  private final long phaseNanos;
  private final long restartNanos;
  private final long firstIndex;
  private final boolean catchingUp;
  private final double catchUpIntervalNanos;
  private final long skippedBeforeStart;

  /**
   * @param windowStartNanos the window's start on the monotonic clock
   * @param windowNanos the window's length, normally one minute
   * @param frequency executions planned in the window, {@code >= 1}
   * @param phaseNanos offset of the first planned start, in {@code [0, windowNanos / frequency)}
   * @param startNanos when the test (re)starts in the window
   * @param alreadyRun executions of this test already run in this window before {@code startNanos}
   * @param catchUp what to do with executions planned before {@code startNanos}
   * @param maxFactor the catch-up rate limit as a multiple of the rate, {@code > 1}
   */
  public Schedule(long windowStartNanos, long windowNanos, int frequency, long phaseNanos,
      long startNanos, long alreadyRun, CatchUp catchUp, double maxFactor) {
    if (frequency < 1) {
      throw new IllegalArgumentException("frequency < 1: " + frequency);
    }
    if (windowNanos < frequency) {
      throw new IllegalArgumentException("window shorter than 1 ns per execution: " + windowNanos);
    }
    if (!(maxFactor > 1)) {
      throw new IllegalArgumentException("catch-up max factor must be > 1: " + maxFactor);
    }
    if (phaseNanos < 0 || phaseNanos >= windowNanos / frequency + 1) {
      throw new IllegalArgumentException("phase out of [0, interval): " + phaseNanos);
    }
    this.windowStartNanos = windowStartNanos;
    this.windowNanos = windowNanos;
    this.frequency = frequency;
    this.phaseNanos = phaseNanos;
    this.restartNanos = Math.max(startNanos, windowStartNanos);
    long passed = plannedBefore(restartNanos);
    this.catchingUp = catchUp == CatchUp.SPREAD && alreadyRun < passed;
    this.firstIndex = catchingUp ? Math.max(0, alreadyRun) : passed;
    this.skippedBeforeStart = catchingUp ? 0 : Math.max(0, passed - Math.max(0, alreadyRun));
    this.catchUpIntervalNanos = (double) windowNanos / frequency / maxFactor;
  }

  /**
   * A stable offset for {@code host} and {@code testName} in {@code [0, intervalNanos)}: the same
   * every minute on one host, different between hosts.
   */
  public static long phaseNanos(String host, String testName, long intervalNanos) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("intervalNanos <= 0: " + intervalNanos);
    }
    // FNV-1a over the UTF-16 units, then a final mix so that similar names spread out.
    long hash = 0xcbf29ce484222325L;
    String key = host + '\u0000' + testName;
    for (int i = 0; i < key.length(); i++) {
      hash ^= key.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return Long.remainderUnsigned(hash, intervalNanos);
  }

  /** When execution {@code k} (0-based) is planned, ignoring catch-up. */
  public long plannedNanos(long k) {
    return windowStartNanos + phaseNanos + Math.multiplyExact(k, windowNanos) / frequency;
  }

  /** The index of the first execution this schedule runs. */
  public long firstIndex() {
    return firstIndex;
  }

  /** One past the last index of the window: the frequency. */
  public long endIndex() {
    return frequency;
  }

  /**
   * When execution {@code j} starts, {@code j} in {@code [firstIndex(), endIndex())}; a value at or
   * past {@link #windowEndNanos()} means it does not fit in the window and is skipped.
   */
  public long dueNanos(long j) {
    long planned = plannedNanos(j);
    if (!catchingUp) {
      return planned;
    }
    long catchUpLine = restartNanos + (long) Math.ceil((j - firstIndex) * catchUpIntervalNanos);
    return Math.max(planned, catchUpLine);
  }

  /** Executions owed from before the start that this schedule will not run at all. */
  public long skippedBeforeStart() {
    return skippedBeforeStart;
  }

  /** The end of the window, exclusive. */
  public long windowEndNanos() {
    return windowStartNanos + windowNanos;
  }

  public long windowStartNanos() {
    return windowStartNanos;
  }

  public int frequency() {
    return frequency;
  }

  public long phaseNanos() {
    return phaseNanos;
  }

  /** How many planned starts fall before {@code nanos}. */
  private long plannedBefore(long nanos) {
    long offset = nanos - windowStartNanos - phaseNanos;
    if (offset <= 0) {
      return 0;
    }
    // smallest k with floor(k * windowNanos / frequency) >= offset, i.e. count of k below it
    long k = Math.floorDiv(Math.multiplyExact(offset, (long) frequency) + windowNanos - 1, windowNanos);
    while (k > 0 && plannedNanos(k - 1) >= nanos) {
      k--;
    }
    while (k < frequency && plannedNanos(k) < nanos) {
      k++;
    }
    return Math.min(k, frequency);
  }
}
