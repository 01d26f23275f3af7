package io.github.capacity.core.pacing;

import java.util.Objects;

/**
 * The rate column of a configuration line ({@code test_frequency}): a {@link Shape} and whether
 * it is this host's own ({@code 60}, {@code ramp(...)@...}) or the whole fleet's ({@code
 * fleet:6000}, {@code fleet:ramp(...)@...}), of which each host runs its share ({@link Fleet}).
 *
 * <p>{@link #perMinuteAt} is the rate as written at an instant (the fleet's total for a fleet
 * line); {@link #hostPerMinuteAt} is what this host runs then. Immutable; all arithmetic, no
 * clock.
 *
 * @param shape how the rate runs over time
 * @param fleetWide whether the shape is the fleet's total rather than this host's own rate
 */
public record Rate(Shape shape, boolean fleetWide) {
  /** The prefix of a fleet-wide rate. */
  public static final String FLEET_PREFIX = "fleet:";

  public Rate {
    Objects.requireNonNull(shape, "shape");
  }

  /** The seed's plain integer: {@code perMinute} executions a minute on this host. */
  public static Rate perMinute(int perMinute) {
    return new Rate(new Shape.Constant(perMinute), false);
  }

  /** Whether this is the seed's plain per-host integer. */
  public boolean plain() {
    return !fleetWide && shape instanceof Shape.Constant;
  }

  /**
   * Executions per minute as written at the wall-clock instant {@code epochMillis}: the fleet's
   * total for a fleet-wide line, 0 before an anchored shape's start and from its end on. The same
   * on every host at the same instant.
   */
  public double perMinuteAt(long epochMillis) {
    return shape.perMinuteAt(epochMillis);
  }

  /**
   * Executions per minute this host runs at {@code epochMillis}: {@link #perMinuteAt} for a
   * per-host line; for a fleet-wide one this host's share, which for a constant total is exact
   * ({@code ceil((total - index) / size)} a minute) and for a shape is the total over the size.
   */
  public double hostPerMinuteAt(long epochMillis, Fleet fleet) {
    if (!fleetWide) {
      return perMinuteAt(epochMillis);
    }
    if (shape instanceof Shape.Constant constant) {
      return fleet.slotsOf(constant.perMinute());
    }
    return perMinuteAt(epochMillis) / fleet.size();
  }

  /** The highest rate this host runs at any time, executions per minute, rounded up. */
  public int hostPeakPerMinute(Fleet fleet) {
    int peak = shape.peakPerMinute();
    if (!fleetWide) {
      return peak;
    }
    return shape instanceof Shape.Constant ? (int) fleet.slotsOf(peak) : (peak + fleet.size() - 1) / fleet.size();
  }

  /** As written in a configuration line: {@code 60}, {@code fleet:ramp(600,6000,30m)@...}. */
  @Override
  public String toString() {
    return (fleetWide ? FLEET_PREFIX : "") + shape;
  }
}
