package io.github.capacity.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A test stopped on this host by its guardrail: a condition of its {@code abort} block held over
 * the window of recent executions. Reported once per trip to the test's destination (see {@link
 * MetricsSink#trip}). With a rising rate, {@link #trippedRate()} and {@link #heldRate()} bracket
 * the rate the target can take (the knee).
 *
 * @param testName the configuration line's {@code test_name}
 * @param host the host that tripped; every host judges its own view
 * @param condition the condition that held, as written ({@code error_rate > 5%})
 * @param figures the window's figures that made it hold, as a sentence for people
 * @param epochMillis when it tripped
 * @param untilEpochMillis when its cooldown ends and the test may run again
 * @param trippedRate the line's rate when it tripped, in executions per minute
 * @param heldRate the last rate the window held at, in executions per minute, or {@link
 *     Double#NaN} when no window held before the trip
 */
public record Trip(String testName, String host, String condition, String figures, long epochMillis,
    long untilEpochMillis, double trippedRate, double heldRate) {
  public Trip {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(figures, "figures");
  }

  /** Whether a window held before the trip, so that {@link #heldRate()} is a rate. */
  public boolean hasHeldRate() {
    return !Double.isNaN(heldRate);
  }

  /** One sentence for logs and for destinations that only take {@link Problem}s. */
  public String message() {
    String held = hasHeldRate() ? ", last held at " + rate(heldRate) + "/min" : "";
    return "test " + testName + " aborted on " + host + ": " + condition + " held (" + figures
        + ") at " + rate(trippedRate) + "/min" + held + "; stopped until "
        + Instant.ofEpochMilli(untilEpochMillis);
  }

  /** A rate for people: whole executions per minute, or one decimal below 10. */
  public static String rate(double perMinute) {
    return perMinute >= 10 ? Long.toString(Math.round(perMinute))
        : String.format(Locale.ROOT, "%.1f", perMinute);
  }
}
