package io.github.capacity.core;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * One started execution: the callback its test reports to, and the handle the engine cancels.
 * The first outcome wins; once the engine has cancelled it, whatever arrives counts as cancelled.
 */
final class InFlight implements Consumer<Outcome> {
  /** A field updater rather than an AtomicBoolean: one object less per execution. */
  private static final AtomicIntegerFieldUpdater<InFlight> DONE =
      AtomicIntegerFieldUpdater.newUpdater(InFlight.class, "done");
  private final TestRun run;
  private final MinuteCounters counters;
  final long plannedNanos;
  final long startNanos;
  private volatile int done;
  private volatile boolean cancelledByEngine;
  private volatile Execution execution;
  private volatile boolean counted;

  InFlight(TestRun run, MinuteCounters counters, long plannedNanos, long startNanos) {
    this.run = run;
    this.counters = counters;
    this.plannedNanos = plannedNanos;
    this.startNanos = startNanos;
  }

  void started(Execution handle) {
    execution = handle;
    if (cancelledByEngine && done == 0) {
      cancel(); // cancelled while start() was still running
    }
  }

  @Override
  public void accept(Outcome outcome) {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    if (outcome == null) {
      outcome = run.nullOutcome();
    }
    try {
      run.finished(this, counters, cancelledByEngine ? Outcome.cancelled() : outcome);
    } finally {
      counted = true;
    }
  }

  /** Whether the engine has cancelled it: a start not yet made then need not be. */
  boolean cancelledByEngine() {
    return cancelledByEngine;
  }

  /** Asks the test to stop the execution; its outcome then counts as cancelled. */
  void cancel() {
    cancelledByEngine = true;
    Execution handle = execution;
    if (handle != null && done == 0) {
      try {
        handle.cancel();
      } catch (Throwable e) {
        run.cancelFailed(e);
      }
    }
  }

  /** Ends the execution as cancelled without waiting for its test any longer. */
  void abandon() {
    cancelledByEngine = true;
    accept(Outcome.cancelled());
    // A completion on the test's own thread may have claimed the outcome a moment ago and still
    // be counting it: let it finish, so that the minute's account reported next includes it.
    // Counting takes microseconds (sinks never block); the bound only guards against a bug.
    for (int spins = 0; !counted && spins < 10_000_000; spins++) {
      Thread.onSpinWait();
    }
  }
}
