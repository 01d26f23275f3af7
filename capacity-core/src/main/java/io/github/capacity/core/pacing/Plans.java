package io.github.capacity.core.pacing;

import java.time.Instant;

/**
 * Turns a line's {@link Rate} into the {@link SlotPlan} of one window: the fleet's plan for a
 * fleet-wide line (one phase for the whole fleet, from the test's name alone, so every host
 * numbers the same slots), the host's own plan otherwise (a phase per host and test, so hosts do
 * not fire in lockstep).
 */
final class Plans {
  /** The phase of a shape is a fraction of a slot with this many steps. */
  private static final long PHASE_STEPS = 1L << 30;

  private Plans() {}

  static SlotPlan plan(Rate rate, String host, String testName, Window window) {
    String phaseKey = rate.fleetWide() ? "" : host;
    if (rate.shape() instanceof Shape.Constant constant) {
      int frequency = constant.perMinute();
      if (window.lengthNanos() < frequency) {
        throw new IllegalArgumentException("window shorter than 1 ns per execution: " + window.lengthNanos());
      }
      long phase = Schedule.phaseNanos(phaseKey, testName, window.lengthNanos() / frequency);
      return new ConstantPlan(window.startNanos() + phase, window.lengthNanos(), frequency);
    }
    Shape.Anchored shape = (Shape.Anchored) rate.shape();
    Instant windowStart = Instant.ofEpochMilli(window.startEpochMillis());
    Instant windowEnd = windowStart.plusNanos(window.lengthNanos());
    if (!shape.start().isBefore(windowEnd) || !shape.end().isAfter(windowStart)) {
      return NONE; // not begun or over: also keeps the nanosecond arithmetic below in range
    }
    long startNanos = window.startNanos()
        + java.time.Duration.between(windowStart, shape.start()).toNanos();
    double phase = (double) Schedule.phaseNanos(phaseKey, testName, PHASE_STEPS) / PHASE_STEPS;
    return new ShapePlan(shape, startNanos, phase);
  }

  /** No slots at all: a shape before its start or after its end. */
  private static final SlotPlan NONE = new SlotPlan() {
    @Override
    public long slotNanos(long k) {
      throw new IndexOutOfBoundsException("no slots: " + k);
    }

    @Override
    public long endSlot() {
      return 0;
    }

    @Override
    public long slotsBefore(long nanos) {
      return 0;
    }

    @Override
    public long advanceNanos(long fromNanos, double slots) {
      return Long.MAX_VALUE;
    }
  };
}
