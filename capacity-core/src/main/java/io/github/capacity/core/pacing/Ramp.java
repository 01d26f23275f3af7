package io.github.capacity.core.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code ramp(FROM,TO,DURATION)@START}: the rate moves in a straight line from {@code from} to
 * {@code to} executions per minute over {@code duration}, from the wall-clock instant {@code
 * start}. Smooth, not a staircase of minutes: the integral is a quadratic, and its inverse gives
 * each start its own instant at the rate of that instant.
 *
 * @param from the rate at {@code start}, executions per minute, {@code >= 0}
 * @param to the rate at the end, {@code >= 0}; {@code from} and {@code to} are not both 0
 * @param duration whole seconds, at least 1 s, at most {@link Anchored#MAX_LENGTH}
 * @param start the wall-clock instant the ramp begins
 */
public record Ramp(int from, int to, Duration duration, Instant start) implements Shape.Anchored {
  public Ramp {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(start, "start");
    Shape.check(from, duration);
    Shape.check(to, duration);
    if (from == 0 && to == 0) {
      throw new IllegalArgumentException("ramp from 0 to 0");
    }
    if (duration.compareTo(MAX_LENGTH) > 0) {
      throw new IllegalArgumentException("ramp longer than " + MAX_LENGTH + ": " + duration);
    }
  }

  @Override
  public long lengthNanos() {
    return duration.toNanos();
  }

  @Override
  public int peakPerMinute() {
    return Math.max(from, to);
  }

  @Override
  public double perMinuteAfter(double nanos) {
    if (nanos < 0 || nanos >= lengthNanos()) {
      return 0;
    }
    return from + (to - from) * (nanos / lengthNanos());
  }

  @Override
  public double executionsBefore(double nanos) {
    double u = Math.max(0, Math.min(nanos, lengthNanos()));
    // The area under the line: u * (from + rate(u)) / 2, in executions.
    return u * (from + (to - from) * (u / lengthNanos()) / 2) / NANOS_PER_MINUTE;
  }

  @Override
  public double nanosAtExecutions(double executions) {
    if (executions <= 0) {
      return 0;
    }
    if (executions > executionsBefore(lengthNanos())) {
      return Double.POSITIVE_INFINITY; // past the total: never
    }
    // Solves (to - from) / (2 D) * u^2 + from * u = 60e9 * executions for u. Written as
    // 2c / (from + sqrt(from^2 + 2 (to - from) c / D)), it holds for ramps up, down and flat and
    // does not cancel when from is large and the slope small. Within the total the denominator
    // is positive: from > 0, or from = 0 and to > 0.
    double c = executions * NANOS_PER_MINUTE;
    double discriminant = (double) from * from + 2.0 * (to - from) * c / lengthNanos();
    return 2 * c / (from + Math.sqrt(Math.max(0, discriminant)));
  }

  @Override
  public String toString() {
    return "ramp(" + from + "," + to + "," + Shape.text(duration) + ")@" + start;
  }
}
