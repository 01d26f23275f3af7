package io.github.capacity.metrics.internal;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;

/** Results for tests, placed in time by microseconds from an epoch instant. */
public final class Fixtures {
  /** 2026-01-01T00:00:00Z, where {@code FakeTimeSource.atSecond(0)} starts. */
  public static final long EPOCH_MILLIS = 1_767_225_600_000L;

  private Fixtures() {}

  /**
   * A result planned {@code plannedMicros} after {@link #EPOCH_MILLIS}, started {@code lagMicros}
   * later and ended {@code serviceMicros} after its start.
   */
  public static Result result(String test, long plannedMicros, long lagMicros, long serviceMicros, Outcome outcome) {
    long planned = EPOCH_MILLIS * 1_000_000L + plannedMicros * 1_000L;
    long start = planned + lagMicros * 1_000L;
    return new Result(test, "homepage", "web1", planned, start, start + serviceMicros * 1_000L, outcome);
  }
}
