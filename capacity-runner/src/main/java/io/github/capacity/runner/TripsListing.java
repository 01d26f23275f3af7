package io.github.capacity.runner;

import io.github.capacity.api.Trip;
import io.github.capacity.core.guard.TripStore;
import io.github.capacity.runner.logging.Printable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The part of {@code check}'s output that lists the tests a guardrail keeps stopped on this host,
 * from the records in {@code trips.dir}: what tripped, until when, the rates that bracket the knee
 * and the file to remove to let the test run sooner. A tripped test is not a configuration error.
 */
final class TripsListing {
  private TripsListing() {}

  static void print(TripStore store, long nowMillis, PrintStream out, List<String> warnings) {
    List<TripStore.Stored> stored;
    try {
      stored = store.list();
    } catch (IOException e) {
      warnings.add(store.dir() + " (trips.dir) cannot be listed: " + e);
      return;
    }
    if (stored.isEmpty()) {
      return;
    }
    out.println("tripped: " + stored.size() + (stored.size() == 1 ? " test" : " tests")
        + " (remove a record to let its test run sooner)");
    for (TripStore.Stored s : stored) {
      if (s.record() == null) {
        warnings.add(s.file() + " " + s.problem() + "; test " + s.testName()
            + " stays stopped until the record is removed");
        out.println(Printable.line(String.format("  %-30s stopped until its unreadable record is removed  (%s)",
            s.testName(), s.file())));
        continue;
      }
      Trip trip = s.record().trip();
      String until = s.record().activeAt(nowMillis)
          ? "until " + Instant.ofEpochMilli(trip.untilEpochMillis())
          : "cooldown over at " + Instant.ofEpochMilli(trip.untilEpochMillis()) + ", runs again next minute";
      String held = trip.hasHeldRate() ? ", held at " + Trip.rate(trip.heldRate()) + "/min" : "";
      // A record is a file anyone with access to trips.dir may have edited: print it tamed.
      out.println(Printable.line(String.format("  %-30s %s: %s at %s/min%s, %s  (%s)", s.testName(),
          trip.condition(), trip.figures(), Trip.rate(trip.trippedRate()), held, until, s.file())));
    }
  }
}
