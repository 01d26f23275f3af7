package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Result;
import io.github.capacity.core.config.TestLine;
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
 * own threads and only touch the thread-safe parts (counters, the in-flight set, the sink).
 */
final class TestRun {
  private static final Logger log = LoggerFactory.getLogger(TestRun.class);

  private final RunContext context;
  private final Set<InFlight> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile TestLine line;
  private volatile PreparedTest test;
  private volatile MetricsSink sink;

  // Scheduler thread only.
  private Window window;
  private Schedule schedule;
  private long nextIndex;
  private long runInWindow;
  private MinuteCounters counters;
  private boolean reportedThrow;

  TestRun(RunContext context, TestLine line, PreparedTest test, MetricsSink sink) {
    this.context = context;
    this.line = line;
    this.test = test;
    this.sink = sink;
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
    counters.skipped.add(schedule.skippedBeforeStart());
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
    try {
      test.expectRate(perMinute);
    } catch (RuntimeException e) {
      log.warn("{}: test \"{}\" failed to get ready for {} a minute: {}", line.where(),
          line.testType(), perMinute, e.toString());
    }
  }

  /** When the next execution of this window is due, or {@link Long#MAX_VALUE} if none is. */
  long nextDueNanos() {
    if (nextIndex >= schedule.endIndex()) {
      return Long.MAX_VALUE;
    }
    long due = schedule.dueNanos(nextIndex);
    return due < schedule.windowEndNanos() ? due : Long.MAX_VALUE;
  }

  /** Starts every execution due at or before {@code nowNanos}, in plan order. */
  void startDue(long nowNanos) {
    long windowEnd = schedule.windowEndNanos();
    while (nextIndex < schedule.endIndex()) {
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
    InFlight execution = new InFlight(this, minute, plannedNanos, context.time.nanoTime());
    live.add(execution);
    try {
      Execution handle = test.start(line.testName(), execution);
      execution.started(handle);
    } catch (RuntimeException e) {
      if (!reportedThrow) { // once per line: it will throw at every start
        reportedThrow = true;
        log.error("{}: test \"{}\" threw instead of reporting an outcome: {}",
            line.where(), line.testType(), e.toString());
      }
      execution.accept(Outcome.failed(ErrorClass.INTERNAL, e.getClass().getSimpleName()));
    }
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
    emit(new Result(line.testName(), line.testType(), context.host,
        context.epochNanos(execution.plannedNanos), context.epochNanos(execution.startNanos),
        context.epochNanos(end), outcome));
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

  void cancelFailed(RuntimeException e) {
    log.warn("{}: cancelling an execution of \"{}\" failed: {}", line.where(), line.testType(), e.toString());
  }
}
