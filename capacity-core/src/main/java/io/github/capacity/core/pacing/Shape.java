package io.github.capacity.core.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * How a line's rate, in executions per minute, runs over time: {@link Constant} (the plain
 * {@code 60}), or an {@link Anchored} shape, a {@link Ramp} or {@link Steps}, fixed to a
 * wall-clock start. Before an anchored shape's start and from its end on, its rate is 0: nothing
 * runs (see {@code docs/configuration.md}). A shape is the rate as written; a fleet-wide line's
 * hosts each run a share of it ({@link Rate}).
 *
 * <p>Immutable value types; all arithmetic, no clock.
 */
public sealed interface Shape permits Shape.Constant, Shape.Anchored {
  /** Nanoseconds in the minute that rates are counted in. */
  double NANOS_PER_MINUTE = 60e9;

  /** Executions per minute at the wall-clock instant {@code epochMillis}. */
  double perMinuteAt(long epochMillis);

  /** The highest rate the shape reaches, executions per minute. */
  int peakPerMinute();

  /**
   * The rate as written in a configuration line, e.g. {@code 60} or {@code
   * ramp(600,6000,30m)@2026-12-03T10:00:00Z}.
   */
  @Override
  String toString();

  /** A rate that never changes: the seed's plain integer, planned afresh in every minute. */
  record Constant(int perMinute) implements Shape {
    public Constant {
      if (perMinute < 1) {
        throw new IllegalArgumentException("rate < 1: " + perMinute);
      }
    }

    @Override
    public double perMinuteAt(long epochMillis) {
      return perMinute;
    }

    @Override
    public int peakPerMinute() {
      return perMinute;
    }

    @Override
    public String toString() {
      return Integer.toString(perMinute);
    }
  }

  /**
   * A shape fixed to the wall clock: every host is at the same point of it in the same second,
   * and each cron run finds where it is from the clock alone. Its plan is the inverse of {@link
   * #executionsBefore}: execution {@code k} is due when the integral of the rate reaches {@code k}
   * (plus a phase below one execution).
   */
  sealed interface Anchored extends Shape permits Ramp, Steps {
    /** The longest shape accepted: far beyond any test, and short enough to catch a typo. */
    Duration MAX_LENGTH = Duration.ofDays(31);

    /** The wall-clock instant the shape begins. */
    Instant start();

    /** How long the shape lasts from {@link #start()}, in nanoseconds. */
    long lengthNanos();

    /** The rate {@code nanos} after the start; 0 outside {@code [0, lengthNanos())}. */
    double perMinuteAfter(double nanos);

    /**
     * The integral of the rate from the start to {@code nanos} after it: how many executions the
     * shape plans in that time (0 before the start, the total after the end).
     */
    double executionsBefore(double nanos);

    /**
     * The inverse of {@link #executionsBefore}: the earliest time after the start at which {@code
     * executions} have been planned; for {@code executions} at or above the total, {@link
     * #lengthNanos()} or later.
     */
    double nanosAtExecutions(double executions);

    @Override
    default double perMinuteAt(long epochMillis) {
      return perMinuteAfter((epochMillis - start().toEpochMilli()) * 1e6);
    }

    /** The wall-clock end of the shape, exclusive. */
    default Instant end() {
      return start().plusNanos(lengthNanos());
    }
  }

  /** {@code 90s}, {@code 10m} or {@code 2h}: the largest unit that is exact. */
  static String text(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** Refuses what no shape may hold: a rate out of range, a duration not in whole seconds. */
  static void check(int perMinute, Duration duration) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("rate < 0: " + perMinute);
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.getNano() != 0) {
      throw new IllegalArgumentException("duration not whole seconds >= 1s: " + duration);
    }
  }
}
