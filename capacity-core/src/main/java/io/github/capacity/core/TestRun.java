package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Result;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Schedule;
import io.github.capacity.core.pacing.Window;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration line at work: its schedule in the current window, the executions it has in
 * flight, and its counts. The scheduler thread plans and starts; completions arrive on the test's
 * own threads and only touch the thread-safe parts (counters, the in-flight set, the sink). A
 * plugin's starts run on its {@link Starter}'s thread instead.
 *
 * <p>About 360 lines, above the usual size: the plan, the starts and the guard around every call
 * into the test's plugin share this state and one way to disable the test. What stands apart
 * does: the plan ({@code Schedule}), the hand-off to a plugin's thread ({@link Starter}), one
 * execution ({@link InFlight}).
 */
final class TestRun {
  private static final Logger log = LoggerFactory.getLogger(TestRun.class);

  private final RunContext context;
  private final Set<InFlight> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile TestLine line;
  private volatile PreparedTest test;
  private volatile MetricsSink sink;
  /** Whether {@link #test} is a plugin's, whose starts go to a {@link Starter}. */
  private volatile boolean startsHandedOver;

  // Scheduler thread only.
  private Window window;
  private Schedule schedule;
  /** A catch-up line just planned, to be moved to its first real start if that comes late. */
  private boolean anchorPending;
  private long nextIndex;
  private long runInWindow;
  private MinuteCounters counters;
  /** The thread a plugin's starts run on, made at its first start; null for the engine's own. */
  private Starter starter;
  private final RunTotals totals;
  /** Why the test was disabled (its plugin failed), or {@code null}; set once, any thread. */
  private volatile String disabledBecause;

  TestRun(RunContext context, TestLine line, PreparedTest test, MetricsSink sink, RunTotals totals) {
    this.context = context;
    this.line = line;
    this.test = test;
    this.sink = sink;
    this.totals = totals;
    this.startsHandedOver = PluginClassLoader.defined(test);
  }

  /** Why this test's plugin was disabled for the rest of the run, or {@code null} while it works. */
  String disabledBecause() {
    return disabledBecause;
  }

  TestLine line() {
    return line;
  }

  MetricsSink sink() {
    return sink;
  }

  MinuteCounters counters() {
    return counters;
  }

  /** Switches to another definition, destination or rate, keeping the window's count. */
  void update(TestLine newLine, PreparedTest newTest, MetricsSink newSink, long nowNanos) {
    boolean replan = !newLine.rate().equals(line.rate());
    boolean newTestOrRate = replan || newTest != test;
    line = newLine;
    test = newTest;
    startsHandedOver = PluginClassLoader.defined(newTest);
    sink = newSink;
    if (newTestOrRate) {
      announceRate();
    }
    if (replan && schedule != null) {
      plan(nowNanos, runInWindow);
    }
  }

  /**
   * Starts a window: a fresh schedule from {@code startNanos} on (later than the window's start
   * when the test starts late), and fresh counters.
   */
  void startWindow(long windowStartNanos, long windowNanos, long minuteEpochMillis, long startNanos) {
    counters = new MinuteCounters(line.testName(), minuteEpochMillis, windowStartNanos + windowNanos);
    window = new Window(windowStartNanos, windowNanos, minuteEpochMillis);
    plan(startNanos, 0);
  }

  private void plan(long startNanos, long alreadyRun) {
    Rate rate = line.rate();
    schedule = Schedule.of(rate, context.fleet, context.host, line.testName(), window, startNanos,
        alreadyRun, context.catchUp, context.catchUpMaxFactor);
    nextIndex = schedule.firstIndex();
    runInWindow = Math.max(alreadyRun, nextIndex);
    anchorPending = schedule.catchingUp();
    if (context.catchUp != CatchUp.NONE) {
      counters.skipped.add(schedule.skippedBeforeStart());
    }
    counters.fleet(schedule.fleetPlanned(), rate.fleetWide() ? schedule.fleet() : null);
  }

  /**
   * Tells the test the highest rate this line runs it at on this host, before its first execution
   * of that rate; nothing when this host's share is 0.
   */
  void announceRate() {
    int perMinute = line.rate().hostPeakPerMinute(context.fleet);
    if (perMinute < 1) {
      return;
    }
    long before = context.time.nanoTime();
    try {
      test.expectRate(perMinute);
    } catch (Throwable e) {
      PluginCalls.rethrowIfFatal(e);
      disable("expectRate(" + perMinute + ") threw " + PluginCalls.what(e));
      return;
    }
    checkBlocked("expectRate()", before);
  }

  /**
   * When the next execution of this window is due, or when a start handed over would have blocked
   * too long; {@link Long#MAX_VALUE} if neither.
   */
  long nextDueNanos() {
    long check = starter == null || disabledBecause != null ? Long.MAX_VALUE : starter.checkDueNanos();
    if (nextIndex >= schedule.endIndex()) {
      return check;
    }
    long due = schedule.dueNanos(nextIndex);
    return Math.min(check, due < schedule.windowEndNanos() ? due : Long.MAX_VALUE);
  }

  /** Starts every execution due at or before {@code nowNanos}, in plan order. */
  void startDue(long nowNanos) {
    if (starter != null) {
      checkHandedOver(nowNanos);
    }
    if (anchorPending) {
      anchorPending = false;
      // The clock now, not the loop's: the tests before this one in the pass may have held it.
      long realNanos = context.time.nanoTime();
      if (nextIndex < schedule.endIndex() && schedule.dueNanos(nextIndex) < realNanos) {
        // The scheduler gets to a fresh catch-up line later than it was planned from (another
        // test's slow start, a busy host): the line starts now, so that its owed executions never
        // come faster than catch_up.max_factor allows, not even for a few milliseconds.
        plan(realNanos, runInWindow);
        anchorPending = false;
      }
    }
    long windowEnd = schedule.windowEndNanos();
    while (nextIndex < schedule.endIndex() && disabledBecause == null) {
      long due = schedule.dueNanos(nextIndex);
      if (due > nowNanos || due >= windowEnd) {
        return;
      }
      nextIndex++;
      runInWindow++;
      start(due);
    }
  }

  /** Counts what the window could not fit as skipped; call when the window has run to its end. */
  void windowEnded() {
    counters.skipped.add(schedule.endIndex() - nextIndex);
    nextIndex = schedule.endIndex();
  }

  private void start(long plannedNanos) {
    MinuteCounters minute = counters;
    if (inFlight.get() >= context.maxInFlight) {
      // Open model: a start that cannot happen now is dropped, never queued for a later burst.
      minute.dropped.increment();
      long now = context.time.nanoTime();
      emit(new Result(line.testName(), line.testType(), context.host,
          context.epochNanos(plannedNanos), context.epochNanos(now), context.epochNanos(now),
          Outcome.dropped()));
      return;
    }
    inFlight.incrementAndGet();
    context.executionStarted();
    minute.inFlight.incrementAndGet();
    minute.started.increment();
    long startNanos = context.time.nanoTime();
    InFlight execution = new InFlight(this, minute, plannedNanos, startNanos);
    live.add(execution);
    if (startsHandedOver) {
      handOver(execution);
    } else if (callStart(execution)) {
      checkBlocked("start()", startNanos);
    }
  }

  /** Calls the plugin's start; false when it failed, which disabled the test. */
  private boolean callStart(InFlight execution) {
    Execution handle;
    try {
      handle = test.start(line.testName(), execution);
    } catch (Throwable e) {
      PluginCalls.rethrowIfFatal(e);
      execution.accept(Outcome.failed(ErrorClass.INTERNAL, e.getClass().getSimpleName()));
      disable("start() threw " + PluginCalls.what(e));
      return false;
    }
    if (handle == null) {
      execution.accept(Outcome.failed(ErrorClass.INTERNAL, "start() returned null"));
      disable("start() returned null, expected an Execution");
      return false;
    }
    execution.started(handle);
    return true;
  }

  /**
   * A plugin's start goes to its own thread. The planned time and the start time are already
   * taken, on the scheduler: the hand-off's delay shows in the test's latencies, as it should.
   */
  private void handOver(InFlight execution) {
    if (starter == null) {
      starter = new Starter(this, line.testName(), context.maxInFlight, context.blockLimitNanos);
    }
    if (!starter.handOff(execution)) {
      execution.accept(Outcome.dropped()); // cannot happen: it holds as many as may be in flight
    }
  }

  /** On the starter's thread: starts one execution handed over, unless it no longer should. */
  void startHandedOver(InFlight execution) {
    if (disabledBecause != null || execution.cancelledByEngine()) {
      execution.accept(Outcome.cancelled());
      return;
    }
    if (!callStart(execution)) {
      context.waker.wake(); // so that the scheduler sweeps the test out now
    }
  }

  /** On the starter's thread: a failure callStart lets through, for the scheduler to act on. */
  void startFailedFatally(Throwable e) {
    if (PluginCalls.isFatal(e)) {
      context.fatal = (VirtualMachineError) e; // the scheduler rethrows it: the VM is not to be trusted
    } else {
      disable("start() threw " + PluginCalls.what(e));
    }
    context.pluginFailed = true;
    context.waker.wake();
  }

  /** A start handed over that has not returned within the block limit disables the test. */
  private void checkHandedOver(long nowNanos) {
    String blocked = disabledBecause == null ? starter.blocked(nowNanos) : null;
    if (blocked != null) {
      disable(blocked);
      starter.retire();
    }
  }

  /** Lets the starter's thread go (once free), ending as cancelled the starts it still holds. */
  void retire() {
    if (starter != null) {
      starter.retire();
    }
  }

  /**
   * A call that must return at once took longer than the block limit: the test is disabled, so
   * that it holds the scheduler (and every other test's pacing) for one call only.
   */
  private void checkBlocked(String call, long beforeNanos) {
    long tookNanos = context.time.nanoTime() - beforeNanos;
    if (tookNanos > context.blockLimitNanos) {
      disable(call + " blocked the scheduler for " + tookNanos / 1_000_000 + " ms, more than the "
          + context.blockLimitNanos / 1_000_000 + " ms limit; it must hand the work off and return");
    }
  }

  /** The plugin gave {@code whenDone} a null outcome: counted as failed, and the test disabled. */
  Outcome nullOutcome() {
    disable("start()'s whenDone was given a null Outcome");
    return Outcome.failed(ErrorClass.INTERNAL, "null outcome");
  }

  /** Disables the test for the rest of the run; the scheduler stops it at its next wake. */
  private synchronized void disable(String why) {
    if (disabledBecause != null) {
      return;
    }
    // The scheduler logs it and keeps it for the summary when it sweeps the test out.
    disabledBecause = PluginCalls.describe(test) + " " + why;
    context.pluginFailed = true;
  }

  /** Completion of one execution, on any thread. */
  void finished(InFlight execution, MinuteCounters minute, Outcome outcome) {
    long end = context.time.nanoTime();
    // Count before leaving the live set: abandonAll() finds an execution still counting there
    // and waits for it, so the minute's account never misses one (InFlight.abandon).
    minute.completed(outcome);
    minute.inFlight.decrementAndGet();
    live.remove(execution);
    inFlight.decrementAndGet();
    context.executionEnded();
    Result result = new Result(line.testName(), line.testType(), context.host,
        context.epochNanos(execution.plannedNanos), context.epochNanos(execution.startNanos),
        context.epochNanos(end), outcome);
    totals.record(result);
    emit(result);
  }

  private void emit(Result result) {
    sink.record(result);
    context.guardrails.record(line, sink, result);
    if (context.resultListener != null) {
      try {
        context.resultListener.accept(result);
      } catch (RuntimeException e) {
        log.warn("result listener failed: {}", e.toString());
      }
    }
  }

  /** Asks every execution in flight to stop; they report as cancelled. */
  void cancelAll() {
    for (InFlight execution : live) {
      execution.cancel();
    }
  }

  /** Ends as cancelled whatever is still in flight, without waiting for the test any longer. */
  void abandonAll() {
    for (InFlight execution : live) {
      execution.abandon();
    }
  }

  void cancelFailed(Throwable e) {
    PluginCalls.rethrowIfFatal(e);
    log.warn("{}: cancelling an execution of \"{}\" failed: {} {}", line.where(), line.testType(),
        PluginCalls.describe(test), PluginCalls.what(e));
  }
}
