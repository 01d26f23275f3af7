package io.github.capacity.report;

/**
 * One JSON line of the {@code file} destination, parsed into reused fields: a million lines cost
 * no object each. Which fields are set depends on {@link #kind}; the others keep their reset value.
 * Not thread safe.
 */
final class Line {
  /** The kinds the report draws; any other kind is counted by name and otherwise left alone. */
  enum Kind { EXECUTION, MINUTE, PROBLEM, TRIP, SHAPE, OTHER }

  static final long NONE = Long.MIN_VALUE;

  Kind kind;
  /** The {@code kind} field as written, for the count of other kinds. */
  String kindName;
  String testName;
  String host;
  long plannedNanos;
  long startNanos;
  long endNanos;
  boolean ok;
  String errorClass;
  /** {@code minute_epoch_ms} of a minute line, else {@code epoch_ms} (or {@code epoch_ns}). */
  long epochMillis;
  long skipped;
  /** A load shape as written ({@code shape}), on a minute or shape line. */
  String shape;
  /** What a trip or problem line says: its condition, reason or message. */
  String label;
  /** A trip's rates per minute: where it tripped and the last that held; NaN when not given. */
  double trippedRate;
  double heldRate;

  void reset() {
    kind = null;
    kindName = null;
    testName = null;
    host = null;
    plannedNanos = NONE;
    startNanos = NONE;
    endNanos = NONE;
    ok = false;
    errorClass = null;
    epochMillis = NONE;
    skipped = 0;
    shape = null;
    label = null;
    trippedRate = Double.NaN;
    heldRate = Double.NaN;
  }

  /** The time the report files this line under, in epoch milliseconds. */
  long timeMillis() {
    return kind == Kind.EXECUTION ? Math.floorDiv(plannedNanos, 1_000_000L) : epochMillis;
  }
}
