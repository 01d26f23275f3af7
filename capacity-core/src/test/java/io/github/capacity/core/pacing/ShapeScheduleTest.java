package io.github.capacity.core.pacing;

import static io.github.capacity.core.pacing.ScheduleTest.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeScheduleTest {
  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  /** 2026-12-03T10:00:00Z, a shape's start. */
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  private static final long START_MILLIS = START.toEpochMilli();

  /** Every start a fresh run of {@code rate} makes in the minute {@code minute} after START. */
  static List<Long> startsInMinute(Rate rate, Fleet fleet, String host, long monotonicAtStart, int minute) {
    Window window = new Window(monotonicAtStart + minute * MINUTE, MINUTE, START_MILLIS + minute * 60_000L);
    Schedule s = Schedule.of(rate, fleet, host, "shop.search", window, window.startNanos(), 0, CatchUp.SPREAD, 2);
    return starts(s);
  }

  /** Every start of {@code minutes} consecutive minutes from START, each minute a cron run. */
  static List<Long> startsOver(Rate rate, Fleet fleet, String host, long monotonicAtStart, int from, int minutes) {
    List<Long> starts = new ArrayList<>();
    for (int m = from; m < from + minutes; m++) {
      starts.addAll(startsInMinute(rate, fleet, host, monotonicAtStart, m));
    }
    return starts;
  }

  private static Rate ramp(int from, int to, Duration duration, boolean fleet) {
    return new Rate(new Ramp(from, to, duration, START), fleet);
  }

  private static long countBefore(List<Long> starts, long nanos) {
    return starts.stream().filter(t -> t < nanos).count();
  }

  @Test
  void aRampsPlannedStartsMatchItsIntegralWithinOneExecutionEverySecond() {
    Ramp ramp = new Ramp(600, 6000, Duration.ofMinutes(10), START);
    List<Long> starts = startsOver(new Rate(ramp, false), Fleet.ALONE, "web-1", 0, 0, 10);

    assertThat((double) starts.size()).isCloseTo(ramp.executionsBefore(ramp.lengthNanos()), within(1.0));
    for (long second = 1; second <= 600; second++) {
      double integral = ramp.executionsBefore(second * SECOND);
      assertThat((double) countBefore(starts, second * SECOND)).as("second %d", second)
          .isCloseTo(integral, within(1.0));
      double inSecond = integral - ramp.executionsBefore((second - 1) * SECOND);
      long counted = countBefore(starts, second * SECOND) - countBefore(starts, (second - 1) * SECOND);
      assertThat((double) counted).as("second %d", second).isCloseTo(inSecond, within(1.0));
    }
  }

  @Test
  void aRampIsSmoothWithinAMinuteEachGapTheInverseOfTheRateOfItsInstant() {
    Ramp ramp = new Ramp(60, 6000, Duration.ofMinutes(2), START);
    List<Long> starts = startsOver(new Rate(ramp, false), Fleet.ALONE, "web-1", 0, 0, 2);

    for (int i = 1; i < starts.size(); i++) {
      double rateThen = ramp.perMinuteAfter(starts.get(i - 1));
      double gap = starts.get(i) - starts.get(i - 1);
      // The gap is the inverse of the rate somewhere between the two starts: never a staircase.
      assertThat(gap).isBetween(MINUTE / ramp.perMinuteAfter(starts.get(i)) - 1, MINUTE / rateThen + 1);
    }
  }

  @Test
  void stepsHoldEachRateForItsDurationAndPauseAtZero() {
    Steps steps = new Steps(List.of(new Steps.Step(60, Duration.ofSeconds(30)),
        new Steps.Step(0, Duration.ofSeconds(30)), new Steps.Step(600, Duration.ofMinutes(1))), START);
    List<Long> starts = startsOver(new Rate(steps, false), Fleet.ALONE, "web-1", 0, 0, 2);

    assertThat(countBefore(starts, 30 * SECOND)).isEqualTo(30);
    assertThat(countBefore(starts, 60 * SECOND)).isEqualTo(30);
    assertThat(starts).hasSize(630);
    for (int i = 31; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).isEqualTo(100_000_000L);
    }
  }

  @Test
  void nothingRunsBeforeTheStartNorFromTheEndOn() {
    Rate rate = ramp(600, 1200, Duration.ofSeconds(90), false);

    assertThat(startsInMinute(rate, Fleet.ALONE, "web-1", 0, -1)).isEmpty();
    List<Long> second = startsInMinute(rate, Fleet.ALONE, "web-1", 0, 1);
    assertThat(second).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(MINUTE, MINUTE + 30 * SECOND - 1));
    assertThat(startsInMinute(rate, Fleet.ALONE, "web-1", 0, 2)).isEmpty();
    assertThat(startsInMinute(rate, Fleet.ALONE, "web-1", 0, 60 * 24 * 365)).isEmpty();
  }

  @Test
  void aShapeStartingMidMinuteBeginsAtItsStartNotAtTheMinute() {
    Rate rate = new Rate(new Ramp(60, 60, Duration.ofMinutes(5), START.plusSeconds(20)), false);
    List<Long> starts = startsInMinute(rate, Fleet.ALONE, "web-1", 0, 0);

    assertThat(starts).hasSize(40).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(20 * SECOND));
  }

  @Test
  void twoHostsWithDifferentClocksAndPhasesComputeTheSameRateInTheSameWallClockSecond() {
    Rate rate = ramp(600, 6000, Duration.ofMinutes(10), false);
    // Each host's monotonic clock reads differently at the shape's start; their names differ.
    long clockA = 5 * SECOND;
    long clockB = 987_654_321_000_000L;
    List<Long> a = startsOver(rate, Fleet.ALONE, "web-1", clockA, 2, 3);
    List<Long> b = startsOver(rate, Fleet.ALONE, "web-2", clockB, 2, 3);

    for (long second = 121; second < 300; second++) {
      long millis = START_MILLIS + second * 1000;
      assertThat(rate.perMinuteAt(millis)).isCloseTo(600 + 5400 * second / 600.0, within(1e-9));
      long atA = countBefore(a, clockA + (second + 1) * SECOND) - countBefore(a, clockA + second * SECOND);
      long atB = countBefore(b, clockB + (second + 1) * SECOND) - countBefore(b, clockB + second * SECOND);
      assertThat(Math.abs(atA - atB)).as("second %d", second).isLessThanOrEqualTo(1);
    }
    assertThat(a.get(0) - clockA).isNotEqualTo(b.get(0) - clockB); // phases differ all the same
  }

  @Test
  void aLateStartOnARampCatchesUpNeverFasterThanTheFactorTimesTheRate() {
    Ramp ramp = new Ramp(6000, 12000, Duration.ofMinutes(1), START);
    Window window = new Window(0, MINUTE, START_MILLIS);
    Schedule s = Schedule.of(new Rate(ramp, false), Fleet.ALONE, "web-1", "t", window,
        400_000_000L, 0, CatchUp.SPREAD, 2);
    List<Long> starts = starts(s);

    assertThat(starts).hasSize((int) s.endIndex());
    assertThat(starts.get(0)).isEqualTo(400_000_000L);
    for (int i = 1; i < starts.size(); i++) {
      double fastest = MINUTE / ramp.perMinuteAfter(starts.get(i)) / 2;
      assertThat((double) (starts.get(i) - starts.get(i - 1))).isGreaterThanOrEqualTo(fastest - 1);
      if (starts.get(i) > 900_000_000L) {
        assertThat(starts.get(i)).as("caught up").isEqualTo(s.plannedNanos(i));
      }
    }
  }

  @Test
  void skipOnARampRunsOnlyThePlanFromNowAndCountsTheRestAsSkipped() {
    Rate rate = ramp(600, 1200, Duration.ofMinutes(1), false);
    Window window = new Window(0, MINUTE, START_MILLIS);
    Schedule plan = Schedule.of(rate, Fleet.ALONE, "web-1", "t", window, 0, 0, CatchUp.SKIP, 2);
    Schedule late = Schedule.of(rate, Fleet.ALONE, "web-1", "t", window, 30 * SECOND, 0, CatchUp.SKIP, 2);

    List<Long> all = starts(plan);
    assertThat(starts(late)).isEqualTo(all.stream().filter(t -> t >= 30 * SECOND).toList());
    assertThat(late.skippedBeforeStart()).isEqualTo(countBefore(all, 30 * SECOND));
  }

  @Test
  void aChangeToARampMidMinuteOwesTheNewPlanLessWhatRan() {
    // 60 a minute ran 30 by second 30; then a ramp whose plan had more before now.
    Rate rate = ramp(600, 600, Duration.ofMinutes(5), false);
    Window window = new Window(0, MINUTE, START_MILLIS);
    Schedule s = Schedule.of(rate, Fleet.ALONE, "web-1", "t", window, 30 * SECOND, 30, CatchUp.SPREAD, 2);

    assertThat(s.firstIndex()).isEqualTo(30);
    assertThat(starts(s)).hasSize(600 - 30);
    assertThat(starts(s).get(0)).isEqualTo(30 * SECOND);
    assertThat(starts(s).get(1) - starts(s).get(0)).isEqualTo(SECOND / 20);
  }
}
