package io.github.capacity.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {
  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long W = 5 * MINUTE;

  /** Every start the schedule runs inside its window. */
  static List<Long> starts(Schedule s) {
    List<Long> starts = new ArrayList<>();
    for (long j = s.firstIndex(); j < s.endIndex(); j++) {
      long due = s.dueNanos(j);
      if (due >= s.windowEndNanos()) {
        break;
      }
      starts.add(due);
    }
    return starts;
  }

  private static Schedule fresh(int frequency, long phase) {
    return new Schedule(W, MINUTE, frequency, phase, W, 0, CatchUp.SPREAD, 2);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 60, 600, 6000, 60000, 120000})
  void plansExactlyTheFrequencyEvenlyFromThePhase(int frequency) {
    long interval = MINUTE / frequency;
    long phase = Schedule.phaseNanos("web-1", "shop.home", interval);
    List<Long> starts = starts(fresh(frequency, phase));

    assertThat(starts).hasSize(frequency);
    assertThat(starts.get(0)).isEqualTo(W + phase);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).isBetween(interval, interval + 1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 60, 6000})
  void nextWindowContinuesAtTheSameSpacingWithNoGapOrDouble(int frequency) {
    long phase = Schedule.phaseNanos("web-1", "t", MINUTE / frequency);
    List<Long> first = starts(fresh(frequency, phase));
    List<Long> second = starts(new Schedule(W + MINUTE, MINUTE, frequency, phase, W + MINUTE, 0, CatchUp.SPREAD, 2));

    long boundaryGap = second.get(0) - first.get(first.size() - 1);
    assertThat(boundaryGap).isBetween(MINUTE / frequency, MINUTE / frequency + 1);
    assertThat(second).hasSize(frequency);
  }

  @Test
  void phaseIsStablePerHostAndTestAndDiffersBetweenHosts() {
    long interval = SECOND;
    assertThat(Schedule.phaseNanos("web-1", "shop", interval))
        .isEqualTo(Schedule.phaseNanos("web-1", "shop", interval))
        .isNotEqualTo(Schedule.phaseNanos("web-2", "shop", interval))
        .isNotEqualTo(Schedule.phaseNanos("web-1", "shop2", interval))
        .isBetween(0L, interval - 1);
  }

  @Test
  void phasesOfAFleetSpreadOverTheInterval() {
    long interval = SECOND;
    long[] buckets = new long[10];
    for (int host = 0; host < 1000; host++) {
      buckets[(int) (Schedule.phaseNanos("web-" + host, "shop", interval) * 10 / interval)]++;
    }
    // 1,000 hosts over 10 buckets: each near 100, none empty or holding a third of the fleet.
    assertThat(java.util.Arrays.stream(buckets).boxed()).allSatisfy(count -> assertThat(count).isBetween(50L, 150L));
  }

  @Test
  void spreadStartedAtSecond30AtSixtyPerMinuteRunsSixtyInTheRemainingThirtySeconds() {
    Schedule s = new Schedule(W, MINUTE, 60, 250_000_000L, W + 30 * SECOND, 0, CatchUp.SPREAD, 2);
    List<Long> starts = starts(s);

    assertThat(starts).hasSize(60);
    assertThat(starts.get(0)).isEqualTo(W + 30 * SECOND);
    assertThat(starts.get(starts.size() - 1)).isLessThan(W + MINUTE);
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).as("never faster than twice the rate")
          .isGreaterThanOrEqualTo(SECOND / 2);
    }
    assertThat(s.skippedBeforeStart()).isZero();
  }

  @Test
  void skipStartedAtSecond30RunsOnlyThePlanFromNow() {
    Schedule s = new Schedule(W, MINUTE, 60, 250_000_000L, W + 30 * SECOND, 0, CatchUp.SKIP, 2);
    List<Long> starts = starts(s);

    assertThat(starts).hasSize(30);
    assertThat(starts.get(0)).isEqualTo(W + 30 * SECOND + 250_000_000L);
    assertThat(s.skippedBeforeStart()).isEqualTo(30);
  }

  @Test
  void spreadStartedAtSecond45RunsThirtyAndTheRestDoesNotFit() {
    Schedule s = new Schedule(W, MINUTE, 60, 250_000_000L, W + 45 * SECOND, 0, CatchUp.SPREAD, 2);

    assertThat(starts(s)).hasSize(30);
    assertThat(s.endIndex() - s.firstIndex() - starts(s).size()).as("skipped at the window's end").isEqualTo(30);
  }

  @Test
  void spreadStartedPointFourSecondsLateCatchesUpPointFourSecondsLaterThenHoldsTheRate() {
    int frequency = 120_000; // 2,000 a second
    long phase = Schedule.phaseNanos("web-1", "api", MINUTE / frequency);
    Schedule s = new Schedule(W, MINUTE, frequency, phase, W + 400_000_000L, 0, CatchUp.SPREAD, 2);
    List<Long> starts = starts(s);

    assertThat(starts).hasSize(frequency);
    // Caught up: from 0.8 s on, every start is exactly the plan's.
    for (int j = 0; j < starts.size(); j++) {
      if (starts.get(j) >= W + 800_000_000L + 1_000_000L) {
        assertThat(starts.get(j)).isEqualTo(s.plannedNanos(j));
      }
    }
    assertThat(starts.stream().filter(t -> t < W + 800_000_000L)).hasSizeBetween(1599, 1601);
    // Then exactly 2,000 in every whole second.
    for (int second = 1; second < 60; second++) {
      long from = W + second * SECOND;
      long to = from + SECOND;
      assertThat(starts.stream().filter(t -> t >= from && t < to)).as("second %d", second).hasSize(2000);
    }
  }

  @Test
  void startAtSecond59Point9OwesNearlyAllAndFitsOnlyAFew() {
    Schedule s = new Schedule(W, MINUTE, 600, 0, W + 59_900_000_000L, 0, CatchUp.SPREAD, 2);
    // 0.1 s left at twice 10/s: 2 starts (59.9 and 59.95).
    assertThat(starts(s)).containsExactly(W + 59_900_000_000L, W + 59_950_000_000L);
  }

  @Test
  void startAtSecondZeroOwesNothing() {
    Schedule s = new Schedule(W, MINUTE, 60, 0, W, 0, CatchUp.SPREAD, 2);
    assertThat(starts(s).get(0)).isEqualTo(W);
    assertThat(starts(s)).hasSize(60);
  }

  @Test
  void frequencyUpMidMinuteOwesTheNewPlanLessWhatRan() {
    // 60/min ran 30 by second 30, then 120/min: the new plan had 60 before now, 30 are owed.
    Schedule s = new Schedule(W, MINUTE, 120, 0, W + 30 * SECOND, 30, CatchUp.SPREAD, 2);
    List<Long> starts = starts(s);
    assertThat(s.firstIndex()).isEqualTo(30);
    assertThat(starts).hasSize(90);
    assertThat(starts.get(1) - starts.get(0)).isEqualTo(SECOND / 4);
  }

  @Test
  void frequencyDownMidMinuteRunsTheNewRateForTheRestOfTheMinute() {
    // 600/min ran 300 by second 30, then 60/min: nothing owed, 1 a second from now.
    Schedule s = new Schedule(W, MINUTE, 60, 0, W + 30 * SECOND, 300, CatchUp.SPREAD, 2);
    List<Long> starts = starts(s);
    assertThat(starts).hasSize(30);
    assertThat(starts.get(0)).isEqualTo(W + 30 * SECOND);
    assertThat(s.skippedBeforeStart()).isZero();
  }

  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> new Schedule(W, MINUTE, 0, 0, W, 0, CatchUp.SPREAD, 2))
        .hasMessage("frequency < 1: 0");
    assertThatThrownBy(() -> new Schedule(W, MINUTE, 60, 0, W, 0, CatchUp.SPREAD, 1))
        .hasMessage("catch-up max factor must be > 1: 1.0");
    assertThatThrownBy(() -> new Schedule(W, MINUTE, 60, 2 * SECOND, W, 0, CatchUp.SPREAD, 2))
        .hasMessage("phase out of [0, interval): 2000000000");
  }
}
