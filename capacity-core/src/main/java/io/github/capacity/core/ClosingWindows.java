package io.github.capacity.core;

import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows whose scheduling has ended and whose account waits for their executions to end:
 * each account is sent once, when the last execution ends or the drain time is over, whichever
 * comes first. Scheduler thread only.
 */
final class ClosingWindows {
  private static final Logger log = LoggerFactory.getLogger(ClosingWindows.class);
  private record Closing(MinuteCounters counters, MetricsSink sink) {}

  private final String host;
  private final long drainNanos;
  private final List<Closing> closing = new ArrayList<>();
  private final List<MinuteAccount> reported = new ArrayList<>();

  ClosingWindows(String host, long drainNanos) {
    this.host = host;
    this.drainNanos = drainNanos;
  }

  /** The window of {@code run} has ended (or the run stopped): its account is due once drained. */
  void close(TestRun run) {
    closing.add(new Closing(run.counters(), run.sink()));
  }

  /** Sends the accounts of windows whose executions have all ended; returns when to look again. */
  long reportEnded(long now) {
    if (closing.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long next = Long.MAX_VALUE;
    for (Iterator<Closing> it = closing.iterator(); it.hasNext(); ) {
      Closing c = it.next();
      long deadline = c.counters().windowEndNanos + drainNanos;
      if (c.counters().inFlight.get() == 0 || now >= deadline) {
        report(c);
        it.remove();
      } else {
        next = Math.min(next, deadline);
      }
    }
    return next;
  }

  /** Sends every account still waiting, drained or not: the run is over. */
  void reportAll() {
    for (Closing c : closing) {
      report(c);
    }
    closing.clear();
  }

  /** The accounts sent since the last {@link #startRun()}, in the order sent. */
  List<MinuteAccount> reported() {
    return List.copyOf(reported);
  }

  void startRun() {
    reported.clear();
  }

  private void report(Closing c) {
    if (c.counters().markReported()) {
      // With the destination's figures so far: dropped, spooled, replayed, dropped from the spool.
      MinuteAccount account = c.counters().account(host)
          .withDelivery(MinuteAccount.Delivery.of(c.sink().health()));
      reported.add(account);
      c.sink().account(account);
      logAccount(account);
    }
  }

  /**
   * One log line per test and minute: what was planned and what became of it, and for a fleet
   * line this host's share and place.
   */
  private static void logAccount(MinuteAccount a) {
    if (!log.isInfoEnabled()) {
      return;
    }
    // Hours and minutes by arithmetic: a date formatter's first use costs the scheduler thread
    // tens of milliseconds in the middle of the next minute's load.
    long minuteOfDay = Math.floorMod(Math.floorDiv(a.minuteEpochMillis(), 60_000L), 1440L);
    String fleet = !a.fleetWide() ? "" : "; share of the fleet's " + a.fleetPlanned() + " (fleet.index "
        + a.fleetIndex() + " of fleet.size " + a.fleetSize() + ")";
    log.info("{} minute {}{}:{}{}Z: planned {}, started {}, ok {}, failed {}, dropped {}, cancelled {},"
        + " skipped {}{}", a.testName(), minuteOfDay / 600, minuteOfDay / 60 % 10, minuteOfDay % 60 / 10,
        minuteOfDay % 10, a.planned(), a.started(), a.ok(), a.failed(), a.dropped(), a.cancelled(),
        a.skipped(), fleet);
  }
}

