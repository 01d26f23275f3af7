package io.github.capacity.runner;

import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.core.pacing.Ramp;
import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Shape;
import io.github.capacity.core.pacing.Steps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code check} shows a line's rate: the plain integer as {@code 60/min}; a fleet-wide rate
 * with this host's share and place; a shape with its course in wall-clock time and the rate now.
 * Stateless.
 */
final class RateText {
  private RateText() {}

  /** The rate on the plan's line: {@code 60/min}, or the form as written. */
  static String summary(Rate rate) {
    return rate.plain() ? rate + "/min" : rate.toString();
  }

  /**
   * Lines to print under the plan's line for anything but the plain integer.
   *
   * @param fleet this host's place, or {@code null} when the settings give none
   */
  static List<String> details(Rate rate, Fleet fleet, long nowMillis) {
    List<String> details = new ArrayList<>();
    if (rate.shape() instanceof Shape.Anchored shape) {
      details.add(course(shape));
    }
    if (rate.fleetWide() && fleet != null) {
      details.add("this host: " + (rate.shape() instanceof Shape.Constant
          ? perMinute(rate.hostPerMinuteAt(nowMillis, fleet)) + "/min of the fleet's " + rate.shape() + "/min"
          : "1/" + fleet.size() + " of the fleet's rate") + " (" + fleet.place() + ")");
    }
    if (rate.shape() instanceof Shape.Anchored shape) {
      details.add(now(rate, shape, fleet, nowMillis));
    }
    return details;
  }

  private static String course(Shape.Anchored shape) {
    if (shape instanceof Ramp ramp) {
      return "ramp: " + ramp.from() + "/min at " + ramp.start() + " to " + ramp.to() + "/min at "
          + ramp.end() + ", nothing before nor after";
    }
    StringBuilder text = new StringBuilder("steps:");
    Instant at = shape.start();
    for (Steps.Step step : ((Steps) shape).steps()) {
      text.append(' ').append(step.perMinute()).append("/min from ").append(at).append(',');
      at = at.plus(step.duration());
    }
    return text.append(" nothing from ").append(at).append(" on nor before the start").toString();
  }

  private static String now(Rate rate, Shape.Anchored shape, Fleet fleet, long nowMillis) {
    String text = "now (" + Instant.ofEpochMilli(nowMillis) + "): ";
    if (nowMillis < shape.start().toEpochMilli()) {
      return text + "not started, nothing runs until " + shape.start();
    }
    if (!Instant.ofEpochMilli(nowMillis).isBefore(shape.end())) {
      return text + "ended at " + shape.end() + ", nothing runs";
    }
    String total = perMinute(rate.perMinuteAt(nowMillis)) + "/min";
    if (!rate.fleetWide()) {
      return text + total;
    }
    return text + total + " for the fleet" + (fleet == null ? ""
        : ", " + perMinute(rate.hostPerMinuteAt(nowMillis, fleet)) + "/min on this host");
  }

  /** A whole number as such, else one decimal: a ramp's rate is seldom whole. */
  static String perMinute(double perMinute) {
    return perMinute == Math.rint(perMinute) ? Long.toString((long) perMinute)
        : String.format(Locale.ROOT, "%.1f", perMinute);
  }
}
