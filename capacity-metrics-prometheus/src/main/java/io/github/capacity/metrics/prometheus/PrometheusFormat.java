package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.metrics.Summary;
import io.github.capacity.metrics.spool.Spool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series of the {@code prometheus} destination, named by Prometheus' conventions (base units
 * in the name, {@code _total} on counters); {@code docs/metrics.md} lists them. Counters are
 * cumulative over the run, so {@code increase()} and {@code rate()} read them across the fleet's
 * runs as counters that reset each minute. Test names are label values, kept unchanged. Not
 * thread safe: owned by the sender thread.
 */
final class PrometheusFormat {
  private static final String[] QUANTILES = {"0", "0.5", "0.9", "0.99", "1"};

  /** Counts of one test since the run began. */
  private static final class Totals {
    final long[] outcomes = new long[4]; // ok, failed, dropped, cancelled
    final Map<String, Long> errors = new TreeMap<>();
  }

  private final Map<String, String> common;
  private final Map<String, Totals> totals = new LinkedHashMap<>();
  private long metricsDropped;
  private long rejectedRequests;

  /** @param common labels on every series: {@code job}, {@code host} and the configured ones */
  PrometheusFormat(Map<String, String> common) {
    this.common = Map.copyOf(common);
  }

  Series series(long timestampMillis) {
    return new Series(common, timestampMillis);
  }

  /** Adds an ended interval's figures to the totals, and its latency gauges to {@code out}. */
  void interval(Summary summary, Series out) {
    Totals test = totals.computeIfAbsent(summary.testName(), name -> new Totals());
    test.outcomes[0] += summary.ok();
    test.outcomes[1] += summary.failed();
    test.outcomes[2] += summary.dropped();
    test.outcomes[3] += summary.cancelled();
    summary.errors().forEach((errorClass, count) -> test.errors.merge(errorClass, count, Long::sum));
    latency(out, "capacity_latency_seconds", summary.testName(), summary.latency());
    latency(out, "capacity_service_time_seconds", summary.testName(), summary.serviceTime());
    latency(out, "capacity_start_lag_seconds", summary.testName(), summary.startLag());
  }

  /** Counts a configuration problem of {@code testName} as an error of class {@code word}. */
  void problem(String testName, String word) {
    totals.computeIfAbsent(testName, name -> new Totals()).errors.merge(word, 1L, Long::sum);
  }

  /** Adds events the sink dropped. */
  void dropped(long events) {
    metricsDropped += events;
  }

  /** Sets the requests the receiver refused for good so far. */
  void rejected(long requests) {
    rejectedRequests = requests;
  }

  /** The counters of every test seen so far, and the destination's own. */
  void counters(Series out, Spool.Counts spool) {
    totals.forEach((test, figures) -> {
      String[] outcomes = {"ok", "failed", "dropped", "cancelled"};
      for (int i = 0; i < outcomes.length; i++) {
        out.add("capacity_executions_total", figures.outcomes[i], "test", test, "outcome", outcomes[i]);
      }
      figures.errors.forEach((errorClass, count) ->
          out.add("capacity_errors_total", count, "test", test, "error_class", errorClass));
    });
    out.add("capacity_metrics_dropped_total", metricsDropped);
    out.add("capacity_metrics_rejected_requests_total", rejectedRequests);
    if (spool != null) {
      out.add("capacity_metrics_spooled_samples_total", spool.spooled());
      out.add("capacity_metrics_replayed_samples_total", spool.replayed());
      out.add("capacity_metrics_spool_dropped_samples_total", spool.dropped());
    }
  }

  /**
   * The engine's account of a test's minute, as gauges; for a {@code fleet:} line with the host's
   * place ({@code fleet_index}, {@code fleet_size}) and the fleet's whole plan.
   */
  void account(MinuteAccount account, Series out) {
    String[] test = account.fleetWide()
        ? new String[] {"test", account.testName(), "fleet_index", Integer.toString(account.fleetIndex()),
            "fleet_size", Integer.toString(account.fleetSize())}
        : new String[] {"test", account.testName()};
    String[] states = {"planned", "started", "completed", "dropped", "skipped"};
    long[] values = {account.planned(), account.started(), account.completed(), account.dropped(), account.skipped()};
    for (int i = 0; i < states.length; i++) {
      out.add("capacity_minute_executions", values[i], with(test, "state", states[i]));
    }
    if (account.fleetWide()) {
      out.add("capacity_minute_fleet_planned_executions", account.fleetPlanned(), test);
    }
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }

  private static void latency(Series out, String name, String test, Summary.Latency latency) {
    if (latency == null) {
      return;
    }
    double[] millis = {latency.min(), latency.p50(), latency.p90(), latency.p99(), latency.max()};
    for (int i = 0; i < QUANTILES.length; i++) {
      out.add(name, millis[i] / 1000, "test", test, "quantile", QUANTILES[i]);
    }
    out.add(name + "_mean", latency.mean() / 1000, "test", test);
  }
}
