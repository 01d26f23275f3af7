package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.core.pacing.Fleet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One test's counts for one window. Written by the scheduler (starts, drops, skips) and by
 * completion callbacks on any thread; read once the window's executions have ended.
 */
final class MinuteCounters {
  final String testName;
  final long minuteEpochMillis;
  final long windowEndNanos;
  final AtomicInteger inFlight = new AtomicInteger();
  final LongAdder started = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder ok = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder cancelled = new LongAdder();
  final LongAdder skipped = new LongAdder();
  private boolean reported;
  /** The latest plan's fleet figures (scheduler thread): zero size for a per-host rate. */
  private long fleetPlanned;
  private Fleet fleet;

  MinuteCounters(String testName, long minuteEpochMillis, long windowEndNanos) {
    this.testName = testName;
    this.minuteEpochMillis = minuteEpochMillis;
    this.windowEndNanos = windowEndNanos;
  }

  void completed(Outcome outcome) {
    if (outcome.isDropped()) {
      // The test type could not send it (it waited for a connection longer than its slot): like
      // a start over max_in_flight, it counts as dropped, not as started and failed.
      started.decrement();
      dropped.increment();
      return;
    }
    completed.increment();
    if (outcome.ok()) {
      ok.increment();
    } else if (ErrorClass.CANCELLED.equals(outcome.errorClass())) {
      cancelled.increment();
    } else {
      failed.increment();
    }
  }

  /** Records the fleet's plan of the window and this host's place; scheduler thread only. */
  void fleet(long fleetPlanned, Fleet fleet) {
    this.fleetPlanned = fleetPlanned;
    this.fleet = fleet;
  }

  /** Marks the account as sent; returns false if it already was. Scheduler thread only. */
  boolean markReported() {
    if (reported) {
      return false;
    }
    reported = true;
    return true;
  }

  MinuteAccount account(String host) {
    long startedCount = started.sum();
    long droppedCount = dropped.sum();
    long skippedCount = skipped.sum();
    return new MinuteAccount(testName, host, minuteEpochMillis,
        startedCount + droppedCount + skippedCount, startedCount, completed.sum(), ok.sum(),
        failed.sum(), droppedCount, cancelled.sum(), skippedCount,
        fleet == null ? 0 : fleetPlanned, fleet == null ? 0 : fleet.index(), fleet == null ? 0 : fleet.size());
  }
}
