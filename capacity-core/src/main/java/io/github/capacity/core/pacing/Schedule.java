package io.github.capacity.core.pacing;

/**
 * When each execution of one test starts on this host within one window (a calendar minute).
 *
 * <h2>Design</h2>
 *
 * <p>The schedule plans start times, not gaps. A plan ({@link SlotPlan}) is the inverse of a
 * cumulative count function: slot {@code k} is due when the count of executions the rate has
 * planned reaches {@code k} plus a phase below one slot. For the seed's constant rate {@code F}
 * the count restarts each window and slot {@code k} is due at {@code W + phase + floor(k *
 * windowNanos / F)}, computed from the window's absolute start {@code W}, so rounding never
 * accumulates and the next window continues at exactly the same spacing ({@code F * interval =
 * windowNanos}). For a shape anchored to the wall clock ({@link Ramp}, {@link Steps}) the count
 * is the shape's integral from its start, so each start is due at the inverse of the integral and
 * the spacing follows the rate of that instant, within a minute and across minutes; every cron run
 * finds where it is from the clock alone, and before the shape's start or from its end on there
 * are no slots at all. The phase, fixed per host and test ({@link
 * #phaseNanos}), keeps a fleet that cron starts in the same second from firing in lockstep.
 *
 * <p>A fleet-wide rate plans the fleet's slots with one phase per test, the same on every host;
 * host {@code i} of {@code N} ({@link Fleet}) takes slots {@code i, i + N, i + 2N...}. The hosts'
 * shares then differ by at most one, add up to the fleet's plan exactly, and interleave into one
 * evenly spaced stream. The schedule numbers this host's starts in the window from 0: execution
 * {@code j} is this host's {@code j}-th slot at or after {@code W}.
 *
 * <p>A test that starts late in its window, at {@code s}, having already run {@code d} executions
 * of it (0 for a fresh start; more when its rate changed mid-window), finds {@code m} planned
 * starts already in the past. With {@link CatchUp#SPREAD} and {@code d < m} it owes {@code m - d}:
 * execution {@code j >= d} then starts at {@code max(planned(j), line(j))}, where the catch-up
 * line is the instant at which the plan's count, from {@code s}, has grown by {@code (j - d) * N /
 * factor} slots. That is the plan itself once caught up, and before that a line at {@code factor}
 * times the rate from {@code s} (for a constant rate, {@code s + (j - d) * interval / factor}); the
 * spacing between any two starts is never below the interval over {@code factor}. A start {@code
 * x} late is caught up {@code x / (factor - 1)} later. Starts that would fall past the window's
 * end are skipped. With {@link CatchUp#SKIP}, or when nothing is owed (the rate went down), only
 * the plan's starts from {@code s} on run.
 *
 * <p>Immutable and thread safe; all arithmetic, no clock.
 */
public final class Schedule {
  private final SlotPlan plan;
  private final Fleet fleet;
  private final long windowStartNanos;
  private final long windowNanos;
  /** This host's first slot in the window, counted among its own slots. */
  private final long firstHostSlot;
  private final long endIndex;
  private final long restartNanos;
  private final long firstIndex;
  private final boolean catchingUp;
  private final double catchUpSlotsPerExecution;
  private final long skippedBeforeStart;

  /**
   * A constant rate on a host of its own: the seed's schedule.
   *
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
    this(constantPlan(windowStartNanos, windowNanos, frequency, phaseNanos), Fleet.ALONE,
        windowStartNanos, windowNanos, startNanos, alreadyRun, catchUp, maxFactor);
  }

  private Schedule(SlotPlan plan, Fleet fleet, long windowStartNanos, long windowNanos,
      long startNanos, long alreadyRun, CatchUp catchUp, double maxFactor) {
    if (!(maxFactor > 1)) {
      throw new IllegalArgumentException("catch-up max factor must be > 1: " + maxFactor);
    }
    this.plan = plan;
    this.fleet = fleet;
    this.windowStartNanos = windowStartNanos;
    this.windowNanos = windowNanos;
    this.firstHostSlot = fleet.slotsOf(plan.slotsBefore(windowStartNanos));
    this.endIndex = fleet.slotsOf(plan.slotsBefore(windowStartNanos + windowNanos)) - firstHostSlot;
    this.restartNanos = Math.max(startNanos, windowStartNanos);
    long passed = Math.min(endIndex, fleet.slotsOf(plan.slotsBefore(restartNanos)) - firstHostSlot);
    this.catchingUp = catchUp == CatchUp.SPREAD && alreadyRun < passed;
    this.firstIndex = catchingUp ? Math.max(0, alreadyRun) : passed;
    this.skippedBeforeStart = catchingUp ? 0 : Math.max(0, passed - Math.max(0, alreadyRun));
    this.catchUpSlotsPerExecution = fleet.size() / maxFactor;
  }

  /**
   * The schedule of a line's {@code rate} in {@code window} on this host.
   *
   * @param rate the line's rate
   * @param fleet this host's place, for a fleet-wide rate (ignored otherwise)
   * @param host this host's name, for the phase of a per-host rate
   * @param testName the line's test name, for the phase
   * @param window the window, on both clocks
   * @param startNanos when the test (re)starts in the window
   * @param alreadyRun executions of this test already run in this window before {@code startNanos}
   * @param catchUp what to do with executions planned before {@code startNanos}
   * @param maxFactor the catch-up rate limit as a multiple of the rate, {@code > 1}
   */
  public static Schedule of(Rate rate, Fleet fleet, String host, String testName, Window window,
      long startNanos, long alreadyRun, CatchUp catchUp, double maxFactor) {
    return new Schedule(Plans.plan(rate, host, testName, window),
        rate.fleetWide() ? fleet : Fleet.ALONE, window.startNanos(), window.lengthNanos(),
        startNanos, alreadyRun, catchUp, maxFactor);
  }

  private static SlotPlan constantPlan(long windowStartNanos, long windowNanos, int frequency,
      long phaseNanos) {
    if (frequency < 1) {
      throw new IllegalArgumentException("frequency < 1: " + frequency);
    }
    if (windowNanos < frequency) {
      throw new IllegalArgumentException("window shorter than 1 ns per execution: " + windowNanos);
    }
    if (phaseNanos < 0 || phaseNanos >= windowNanos / frequency + 1) {
      throw new IllegalArgumentException("phase out of [0, interval): " + phaseNanos);
    }
    return new ConstantPlan(windowStartNanos + phaseNanos, windowNanos, frequency);
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

  /** When this host's execution {@code j} (0-based in the window) is planned, ignoring catch-up. */
  public long plannedNanos(long j) {
    return plan.slotNanos(fleet.slot(firstHostSlot + j));
  }

  /** The index of the first execution this schedule runs. */
  public long firstIndex() {
    return firstIndex;
  }

  /** One past the last index of the window: this host's share of the window's plan. */
  public long endIndex() {
    return endIndex;
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
    return Math.max(planned, plan.advanceNanos(restartNanos, (j - firstIndex) * catchUpSlotsPerExecution));
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

  /** The whole plan of the window: the fleet's for a fleet-wide rate, this host's otherwise. */
  public long fleetPlanned() {
    return plan.slotsBefore(windowStartNanos + windowNanos) - plan.slotsBefore(windowStartNanos);
  }

  /** This host's place in the fleet; {@link Fleet#ALONE} for a per-host rate. */
  public Fleet fleet() {
    return fleet;
  }
}
