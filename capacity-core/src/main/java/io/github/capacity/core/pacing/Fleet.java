package io.github.capacity.core.pacing;

/**
 * This host's place in a fleet that shares a fleet-wide rate ({@code fleet:6000}): the fleet has
 * {@code size} hosts and this one is number {@code index}, counting from 0. Written into each
 * host's settings ({@code fleet.size}, {@code fleet.index}) by configuration management from its
 * inventory, never discovered over the network: there is no master to ask.
 *
 * <p>Host {@code index} takes the slots {@code index, index + size, index + 2 * size...} of the
 * fleet's plan, so the hosts' shares differ by at most one execution a minute, add up to the
 * fleet's total exactly, and interleave into one evenly spaced stream. A host that is absent
 * leaves its slots undone; no other host runs them.
 *
 * @param size hosts in the fleet, from 1 to {@link #MAX_SIZE}
 * @param index this host's place, from 0 to {@code size - 1}
 */
public record Fleet(int size, int index) {
  /** Far above any fleet this tool steers from files; catches a typo such as an extra zero. */
  public static final int MAX_SIZE = 100_000;

  /** A host on its own: a fleet-wide rate is all its own. */
  public static final Fleet ALONE = new Fleet(1, 0);

  public Fleet {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("fleet size out of [1, " + MAX_SIZE + "]: " + size);
    }
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("fleet index out of [0, " + size + "): " + index);
    }
  }

  /**
   * How many of the fleet slots {@code 0 .. slots - 1} are this host's: {@code ceil((slots -
   * index) / size)}, or 0.
   */
  public long slotsOf(long slots) {
    return slots <= index ? 0 : (slots - index + size - 1) / size;
  }

  /** The fleet slot of this host's {@code n}-th slot (0-based). */
  public long slot(long n) {
    return index + (long) size * n;
  }

  /** {@code "fleet.index 1 of fleet.size 5"}, the way check and the log show the place. */
  public String place() {
    return "fleet.index " + index + " of fleet.size " + size;
  }
}
