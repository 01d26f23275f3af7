package io.github.capacity.report;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.JsonLines;
import java.nio.charset.StandardCharsets;

/** Result lines as the {@code file} destination writes them, for tests. Times in epoch millis. */
final class Lines {
  private final JsonLines json = new JsonLines();

  String ok(String test, String host, long plannedMillis, long lagMillis, long serviceMillis) {
    return execution(test, host, plannedMillis, lagMillis, serviceMillis, Outcome.ok(200, 100));
  }

  String failed(String test, String host, long plannedMillis, long serviceMillis, String errorClass) {
    return execution(test, host, plannedMillis, 0, serviceMillis,
        Outcome.failed(new ErrorClass(errorClass), "failed"));
  }

  String dropped(String test, String host, long plannedMillis) {
    return execution(test, host, plannedMillis, 0, 0, Outcome.dropped());
  }

  String cancelled(String test, String host, long plannedMillis, long serviceMillis) {
    return execution(test, host, plannedMillis, 0, serviceMillis, Outcome.cancelled());
  }

  String execution(String test, String host, long plannedMillis, long lagMillis, long serviceMillis, Outcome outcome) {
    long planned = plannedMillis * 1_000_000L;
    long start = planned + lagMillis * 1_000_000L;
    long end = start + serviceMillis * 1_000_000L;
    return text(json.execution(new Result(test, "homepage", host, planned, start, end, outcome)));
  }

  String minute(String test, String host, long minuteMillis, long skipped) {
    return text(json.minute(new MinuteAccount(test, host, minuteMillis, 60, 60 - skipped, 60 - skipped,
        60 - skipped, 0, 0, 0, skipped), null));
  }

  /** A guardrail trip as the file destination writes it. */
  String trip(String test, String host, long epochMillis, String condition, double trippedRate, double heldRate) {
    return text(json.trip(new Trip(test, host, condition, "p99 312ms over 40 executions", epochMillis,
        epochMillis + 600_000, trippedRate, heldRate)));
  }

  private static String text(JsonLines line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }
}
