package io.github.capacity.core.pacing;

/**
 * An anchored shape's plan: slot {@code k} is due when the shape's integral reaches {@code k +
 * phase}, counted from the shape's start, so that hosts that read the same line number the same
 * slots whichever minute they joined in. Slots at or past the shape's end do not exist.
 */
final class ShapePlan implements SlotPlan {
  private final Shape.Anchored shape;
  private final long startNanos;
  private final double phase;
  private final long endSlot;

  /**
   * @param shape the shape
   * @param startNanos the shape's start on the monotonic clock
   * @param phase where in its slot the plan starts, in {@code [0, 1)}
   */
  ShapePlan(Shape.Anchored shape, long startNanos, double phase) {
    if (!(phase >= 0 && phase < 1)) {
      throw new IllegalArgumentException("phase out of [0, 1): " + phase);
    }
    this.shape = shape;
    this.startNanos = startNanos;
    this.phase = phase;
    double total = shape.executionsBefore(shape.lengthNanos());
    long estimate = total <= phase ? 0 : (long) Math.ceil(total - phase);
    // Settle against the end with no end yet: the slots as computed decide, not the estimate.
    long k = Math.max(0, estimate);
    long end = startNanos + shape.lengthNanos();
    while (k > 0 && slotNanos(k - 1) >= end) {
      k--;
    }
    while (slotNanos(k) < end) {
      k++;
    }
    this.endSlot = k;
  }

  @Override
  public long slotNanos(long k) {
    double nanos = shape.nanosAtExecutions(k + phase);
    return nanos >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : startNanos + (long) Math.floor(nanos);
  }

  @Override
  public long endSlot() {
    return endSlot;
  }

  @Override
  public long slotsBefore(long nanos) {
    double executions = shape.executionsBefore(nanos - startNanos);
    return settle(executions <= phase ? 0 : (long) Math.ceil(executions - phase), nanos);
  }

  @Override
  public long advanceNanos(long fromNanos, double slots) {
    double nanos = shape.nanosAtExecutions(shape.executionsBefore(fromNanos - startNanos) + slots);
    return nanos >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE : startNanos + (long) Math.ceil(nanos);
  }
}
