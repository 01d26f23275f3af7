package io.github.capacity.metrics.statsd;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.Millis;
import io.github.capacity.metrics.MetricNames;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * StatsD lines, {@code <prefix>.<host>.<test_name>.<metric>:<value>|<type>[|@<rate>][|#<tags>]},
 * without newlines. Names are sanitized, so no test name or host can add a line, a {@code :} or a
 * {@code |}. Pure and thread safe.
 */
final class StatsdFormat {
  private final String base;
  private final String rateSuffix;
  private final String tagSuffix;

  /**
   * @param sampleRate the share of executions sent, in (0, 1]; below 1 the lines say so
   * @param tags DogStatsD tags, already sanitized, such as {@code env:prod}; empty for none
   */
  StatsdFormat(String prefix, String host, double sampleRate, List<String> tags) {
    this.base = prefix + "." + MetricNames.component(host) + ".";
    // Plain digits: StatsD reads the rate with /^@([\d.]+)/, so "1.0E-4" would be a bad line.
    this.rateSuffix = sampleRate < 1 ? "|@" + BigDecimal.valueOf(sampleRate).stripTrailingZeros().toPlainString() : "";
    this.tagSuffix = tags.isEmpty() ? "" : "|#" + String.join(",", tags);
  }

  /** The counters and timers of one execution. */
  List<String> execution(Result result) {
    String test = base + MetricNames.path(result.testName()) + ".";
    Outcome outcome = result.outcome();
    List<String> lines = new ArrayList<>();
    lines.add(sampled(test + "count", "1", "c"));
    if (outcome.ok()) {
      lines.add(sampled(test + "ok", "1", "c"));
    } else {
      String word = outcome.errorClass().word();
      boolean counted = outcome.isDropped() || ErrorClass.CANCELLED.equals(outcome.errorClass());
      lines.add(sampled(test + (counted ? word : "failed"), "1", "c"));
      lines.add(sampled(test + "errors." + MetricNames.component(word), "1", "c"));
      if (counted) {
        return lines;
      }
    }
    lines.add(sampled(test + "latency", timer(result.latencyNanos()), "ms"));
    lines.add(sampled(test + "service_time", timer(result.serviceNanos()), "ms"));
    lines.add(sampled(test + "start_lag", timer(result.startLagNanos()), "ms"));
    return lines;
  }

  /** The engine's account of a test's minute, as counters. */
  List<String> account(MinuteAccount account) {
    String minute = base + MetricNames.path(account.testName()) + ".minute.";
    return List.of(
        line(minute + "planned", Long.toString(account.planned()), "c"),
        line(minute + "started", Long.toString(account.started()), "c"),
        line(minute + "completed", Long.toString(account.completed()), "c"),
        line(minute + "dropped", Long.toString(account.dropped()), "c"),
        line(minute + "skipped", Long.toString(account.skipped()), "c"));
  }

  /** A configuration problem as an error counter. */
  String problem(Problem problem) {
    return line(base + MetricNames.path(problem.testName()) + ".errors." + MetricNames.component(problem.kind().word()), "1", "c");
  }

  /**
   * A guardrail trip: the counter {@code abort.tripped}, and the gauges {@code abort.tripped_rate}
   * and {@code abort.held_rate} (executions per minute; none when no window held).
   */
  List<String> trip(Trip trip) {
    String abort = base + MetricNames.path(trip.testName()) + ".abort.";
    List<String> lines = new ArrayList<>();
    lines.add(line(abort + "tripped", "1", "c"));
    lines.add(line(abort + "tripped_rate", Trip.rate(trip.trippedRate()), "g"));
    if (trip.hasHeldRate()) {
      lines.add(line(abort + "held_rate", Trip.rate(trip.heldRate()), "g"));
    }
    return lines;
  }

  /** Events dropped since the last report. */
  String dropped(long dropped) {
    return line(base + "capacity.metrics_dropped", Long.toString(dropped), "c");
  }

  /** StatsD refuses negative timers; a clock step is reported as 0. */
  private static String timer(long nanos) {
    return Millis.text(Millis.ofNanos(Math.max(0, nanos)));
  }

  private String sampled(String name, String value, String type) {
    return name + ":" + value + "|" + type + rateSuffix + tagSuffix;
  }

  private String line(String name, String value, String type) {
    return name + ":" + value + "|" + type + tagSuffix;
  }

  /** A tag as DogStatsD reads it: {@code key:value} or {@code key}, with no separator inside. */
  static String tag(String key, String value) {
    String safeKey = MetricNames.component(key);
    return value == null ? safeKey : safeKey + ":" + value.replaceAll("[^A-Za-z0-9_./-]", "_");
  }
}
