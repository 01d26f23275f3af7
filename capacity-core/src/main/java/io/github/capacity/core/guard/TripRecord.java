package io.github.capacity.core.guard;

import io.github.capacity.api.Trip;
import java.util.Objects;

/**
 * A trip as written to its file in {@code trips.dir}: the {@link Trip} reported to the
 * destination, and where it came from.
 *
 * @param trip what tripped, the figures, when, until when, the rates
 * @param testType the line's {@code test_type}, whose {@code abort} block tripped
 * @param line the configuration line, {@code file:line}
 * @param rate the line's rate as written ({@code 600}, {@code ramp(...)@...})
 * @param ran executions that ran in the window
 * @param failed those that failed
 * @param dropped executions dropped in the window
 * @param windowSeconds the window's length
 */
public record TripRecord(Trip trip, String testType, String line, String rate, long ran,
    long failed, long dropped, int windowSeconds) {
  public TripRecord {
    Objects.requireNonNull(trip, "trip");
    Objects.requireNonNull(testType, "testType");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(rate, "rate");
  }

  /** Whether the cooldown still runs at {@code epochMillis}. */
  public boolean activeAt(long epochMillis) {
    return epochMillis < trip.untilEpochMillis();
  }
}
