package io.github.capacity.metrics.graphite;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.Millis;
import io.github.capacity.metrics.MetricNames;
import io.github.capacity.metrics.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Graphite plaintext lines, {@code <prefix>.<host>.<test_name>.<metric> <value> <seconds>},
 * without their newline. MetricNames are sanitized here, so no test name or host can add a line or a
 * field. Pure and thread safe.
 */
final class GraphiteFormat {
  private final String base;

  GraphiteFormat(String prefix, String host) {
    this.base = prefix + "." + MetricNames.component(host) + ".";
  }

  /** The lines of one test's interval starting at {@code epochSeconds}. */
  List<String> summary(Summary summary, long epochSeconds) {
    String test = base + MetricNames.path(summary.testName()) + ".";
    List<String> lines = new ArrayList<>();
    lines.add(line(test + "count", Long.toString(summary.count()), epochSeconds));
    lines.add(line(test + "ok", Long.toString(summary.ok()), epochSeconds));
    lines.add(line(test + "failed", Long.toString(summary.failed()), epochSeconds));
    lines.add(line(test + "dropped", Long.toString(summary.dropped()), epochSeconds));
    lines.add(line(test + "cancelled", Long.toString(summary.cancelled()), epochSeconds));
    latency(lines, test + "latency.", summary.latency(), epochSeconds);
    latency(lines, test + "service_time.", summary.serviceTime(), epochSeconds);
    latency(lines, test + "start_lag.", summary.startLag(), epochSeconds);
    for (Map.Entry<String, Long> error : summary.errors().entrySet()) {
      lines.add(line(test + "errors." + MetricNames.component(error.getKey()), Long.toString(error.getValue()), epochSeconds));
    }
    return lines;
  }

  private static void latency(List<String> lines, String name, Summary.Latency latency, long epochSeconds) {
    if (latency == null) {
      return;
    }
    lines.add(line(name + "min", Millis.text(latency.min()), epochSeconds));
    lines.add(line(name + "mean", Millis.text(latency.mean()), epochSeconds));
    lines.add(line(name + "p50", Millis.text(latency.p50()), epochSeconds));
    lines.add(line(name + "p90", Millis.text(latency.p90()), epochSeconds));
    lines.add(line(name + "p99", Millis.text(latency.p99()), epochSeconds));
    lines.add(line(name + "max", Millis.text(latency.max()), epochSeconds));
  }

  /**
   * The engine's account of a test's minute, stamped with the minute's start, with its
   * destination's delivery figures when any is above zero.
   */
  List<String> account(MinuteAccount account) {
    String minute = base + MetricNames.path(account.testName()) + ".minute.";
    long seconds = Math.floorDiv(account.minuteEpochMillis(), 1000);
    List<String> lines = new ArrayList<>(List.of(
        line(minute + "planned", Long.toString(account.planned()), seconds),
        line(minute + "started", Long.toString(account.started()), seconds),
        line(minute + "completed", Long.toString(account.completed()), seconds),
        line(minute + "dropped", Long.toString(account.dropped()), seconds),
        line(minute + "skipped", Long.toString(account.skipped()), seconds)));
    MinuteAccount.Delivery delivery = account.delivery();
    if (!delivery.equals(MinuteAccount.Delivery.NONE)) {
      lines.add(line(minute + "metrics_dropped", Long.toString(delivery.dropped()), seconds));
      lines.add(line(minute + "metrics_spooled", Long.toString(delivery.spooled()), seconds));
      lines.add(line(minute + "metrics_replayed", Long.toString(delivery.replayed()), seconds));
      lines.add(line(minute + "metrics_spool_dropped", Long.toString(delivery.spoolDropped()), seconds));
    }
    return lines;
  }

  /** A configuration problem as an error count of 1. */
  String problem(Problem problem) {
    return line(base + MetricNames.path(problem.testName()) + ".errors." + MetricNames.component(problem.kind().word()),
        "1", Math.floorDiv(problem.epochMillis(), 1000));
  }

  /**
   * A guardrail trip: {@code abort.tripped 1}, and the rates that bracket the knee, {@code
   * abort.tripped_rate} and {@code abort.held_rate} (executions per minute; none when no window
   * held), stamped with the trip's second.
   */
  List<String> trip(Trip trip) {
    String abort = base + MetricNames.path(trip.testName()) + ".abort.";
    long seconds = Math.floorDiv(trip.epochMillis(), 1000);
    List<String> lines = new ArrayList<>();
    lines.add(line(abort + "tripped", "1", seconds));
    lines.add(line(abort + "tripped_rate", Trip.rate(trip.trippedRate()), seconds));
    if (trip.hasHeldRate()) {
      lines.add(line(abort + "held_rate", Trip.rate(trip.heldRate()), seconds));
    }
    return lines;
  }

  /** Events dropped since the last report. */
  String dropped(long dropped, long epochSeconds) {
    return line(base + "capacity.metrics_dropped", Long.toString(dropped), epochSeconds);
  }

  private static String line(String name, String value, long epochSeconds) {
    return name + " " + value + " " + epochSeconds;
  }
}
