package io.github.capacity.core.pacing;

/**
 * The seed's plan: {@code frequency} slots evenly over one window, slot {@code k} at {@code
 * originNanos + floor(k * windowNanos / frequency)} in exact integer arithmetic, so rounding never
 * accumulates and the next window continues at the same spacing.
 */
final class ConstantPlan implements SlotPlan {
  private final long originNanos;
  private final long windowNanos;
  private final int frequency;

  /**
   * @param originNanos the first slot: the window's start plus the phase
   * @param windowNanos the window's length
   * @param frequency slots in the window, {@code >= 1}
   */
  ConstantPlan(long originNanos, long windowNanos, int frequency) {
    this.originNanos = originNanos;
    this.windowNanos = windowNanos;
    this.frequency = frequency;
  }

  @Override
  public long slotNanos(long k) {
    return originNanos + Math.multiplyExact(k, windowNanos) / frequency;
  }

  @Override
  public long endSlot() {
    return frequency;
  }

  @Override
  public long slotsBefore(long nanos) {
    long offset = nanos - originNanos;
    if (offset <= 0) {
      return 0;
    }
    if (offset > windowNanos) {
      return frequency;
    }
    // smallest k with floor(k * windowNanos / frequency) >= offset, give or take the rounding
    return settle(Math.floorDiv(Math.multiplyExact(offset, (long) frequency) + windowNanos - 1, windowNanos), nanos);
  }

  @Override
  public long advanceNanos(long fromNanos, double slots) {
    return fromNanos + (long) Math.ceil(slots * ((double) windowNanos / frequency));
  }
}
