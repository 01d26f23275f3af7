package io.github.capacity.core.pacing;

/**
 * A plan of numbered slots on the monotonic clock: the inverse of a cumulative count function.
 * Slot {@code k} (from 0) is due when the count reaches {@code k} plus a phase below one slot.
 * {@link Schedule} takes one host's share of the slots that fall in one window and adds catch-up.
 * Pure arithmetic; implementations are immutable.
 */
interface SlotPlan {
  /** When slot {@code k} is due, {@code 0 <= k < endSlot()}; non-decreasing in {@code k}. */
  long slotNanos(long k);

  /** One past the last slot: a constant plan's frequency, an anchored shape's total. */
  long endSlot();

  /** How many slots are due before {@code nanos}: the first slot due at or after it. */
  long slotsBefore(long nanos);

  /**
   * The instant at which the count, starting from {@code fromNanos}, has grown by {@code slots}
   * (a fraction is fine): the catch-up line runs at a multiple of the plan's own rate by asking
   * for more slots per unit of time. {@link Long#MAX_VALUE} when the plan never gets there.
   */
  long advanceNanos(long fromNanos, double slots);

  /**
   * The smallest {@code k} in {@code [0, endSlot()]} with {@code slotNanos(k) >= nanos}, starting
   * from an estimate that is off by a few slots at most (rounding to whole nanoseconds).
   */
  default long settle(long estimate, long nanos) {
    long k = Math.max(0, Math.min(estimate, endSlot()));
    while (k > 0 && slotNanos(k - 1) >= nanos) {
      k--;
    }
    while (k < endSlot() && slotNanos(k) < nanos) {
      k++;
    }
    return k;
  }
}
