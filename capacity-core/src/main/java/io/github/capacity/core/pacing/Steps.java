package io.github.capacity.core.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code steps(RATE/DURATION,...)@START}: each rate held for its duration, one after the other,
 * from the wall-clock instant {@code start}. A step of 0 is a pause. The integral is piecewise
 * linear; its inverse spaces the starts of each step evenly at that step's rate.
 *
 * @param steps 1 to {@link #MAX_STEPS} steps, not all at rate 0, at most {@link
 *     Anchored#MAX_LENGTH} in all
 * @param start the wall-clock instant the first step begins
 */
public record Steps(List<Step> steps, Instant start) implements Shape.Anchored {
  /** More steps than a hand-written line holds; keeps the per-start arithmetic short. */
  public static final int MAX_STEPS = 100;

  /**
   * One step.
   *
   * @param perMinute the rate held, executions per minute, {@code >= 0}
   * @param duration how long, whole seconds, at least 1 s
   */
  public record Step(int perMinute, Duration duration) {
    public Step {
      Objects.requireNonNull(duration, "duration");
      Shape.check(perMinute, duration);
    }

    @Override
    public String toString() {
      return perMinute + "/" + Shape.text(duration);
    }
  }

  public Steps {
    steps = List.copyOf(steps);
    Objects.requireNonNull(start, "start");
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("steps out of [1, " + MAX_STEPS + "]: " + steps.size());
    }
    if (steps.stream().allMatch(step -> step.perMinute() == 0)) {
      throw new IllegalArgumentException("every step at rate 0");
    }
    Duration length = steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    if (length.compareTo(MAX_LENGTH) > 0) {
      throw new IllegalArgumentException("steps longer than " + MAX_LENGTH + ": " + length);
    }
  }

  @Override
  public long lengthNanos() {
    long nanos = 0;
    for (Step step : steps) {
      nanos += step.duration().toNanos();
    }
    return nanos;
  }

  @Override
  public int peakPerMinute() {
    return steps.stream().mapToInt(Step::perMinute).max().orElseThrow();
  }

  @Override
  public double perMinuteAfter(double nanos) {
    if (nanos < 0) {
      return 0;
    }
    double stepStart = 0;
    for (Step step : steps) {
      double stepEnd = stepStart + step.duration().toNanos();
      if (nanos < stepEnd) {
        return step.perMinute();
      }
      stepStart = stepEnd;
    }
    return 0;
  }

  @Override
  public double executionsBefore(double nanos) {
    double executions = 0;
    double stepStart = 0;
    for (Step step : steps) {
      if (nanos <= stepStart) {
        break;
      }
      double held = Math.min(nanos, stepStart + step.duration().toNanos()) - stepStart;
      executions += step.perMinute() * held / NANOS_PER_MINUTE;
      stepStart += step.duration().toNanos();
    }
    return executions;
  }

  @Override
  public double nanosAtExecutions(double executions) {
    if (executions <= 0) {
      return 0;
    }
    double before = 0;
    double stepStart = 0;
    for (Step step : steps) {
      double inStep = step.perMinute() * (double) step.duration().toNanos() / NANOS_PER_MINUTE;
      if (step.perMinute() > 0 && executions <= before + inStep) {
        return stepStart + (executions - before) * NANOS_PER_MINUTE / step.perMinute();
      }
      before += inStep;
      stepStart += step.duration().toNanos();
    }
    return Double.POSITIVE_INFINITY; // past the total: never
  }

  @Override
  public String toString() {
    return steps.stream().map(Step::toString).collect(Collectors.joining(",", "steps(", ")@"))
        + start;
  }
}
