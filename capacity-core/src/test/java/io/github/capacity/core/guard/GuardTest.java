package io.github.capacity.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window and its judgement, on results stamped by hand: time is the results' own. */
class GuardTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, in millis

  private static AbortRule rule(int windowSeconds, long minCount, String... conditions) throws Exception {
    io.github.capacity.api.Definition block = new io.github.capacity.api.Definition("tests.json", "shop",
        "http", java.util.Map.of("abort", java.util.Map.of("when", List.of(conditions),
            "window", windowSeconds + "s", "min_count", minCount, "cooldown", "5m")));
    return AbortRule.of(block);
  }

  /** A result that ended at {@code endMillis} after {@code latencyMillis} from its planned start. */
  private static Result result(long endMillis, long latencyMillis, Outcome outcome) {
    long end = endMillis * 1_000_000L;
    long planned = end - latencyMillis * 1_000_000L;
    return new Result("shop", "shop", "web-1", planned, planned, end, outcome);
  }

  private static Result ok(long endMillis) {
    return result(endMillis, 10, Outcome.ok(200, 1));
  }

  private static Result failed(long endMillis) {
    return result(endMillis, 10, Outcome.failed(ErrorClass.HTTP_STATUS, 503, 0, "503"));
  }

  @Test
  void anErrorRateTripsOnTheResultThatCrossesItAndNotBefore() throws Exception {
    Guard guard = new Guard(rule(10, 20, "error_rate > 10%"));
    for (int i = 0; i < 20; i++) {
      assertThat(guard.record(ok(T0 + i * 100))).isNull();
    }
    assertThat(guard.record(failed(T0 + 2_000))).as("1 of 21: 4.8%").isNull();
    assertThat(guard.record(failed(T0 + 2_100))).as("2 of 22: 9.1%").isNull();
    Guard.Verdict verdict = guard.record(failed(T0 + 2_200));

    assertThat(verdict).as("3 of 23: 13%").isNotNull();
    assertThat(verdict.condition().text()).isEqualTo("error_rate > 10%");
    assertThat(verdict.figures()).isEqualTo("error_rate 13.0%: 3 of 23 executions failed in the last 10 s");
    assertThat(verdict.window()).isEqualTo(new WindowFigures(10, 23, 3, 0));
    assertThat(verdict.epochMillis()).isEqualTo(T0 + 2_200);
    assertThat(guard.record(failed(T0 + 2_300))).as("once tripped, it stays quiet").isNull();
  }

  @Test
  void nothingIsJudgedBeforeTheMinimumCount() throws Exception {
    Guard guard = new Guard(rule(10, 20, "error_rate > 10%"));
    for (int i = 0; i < 19; i++) {
      assertThat(guard.record(failed(T0 + i * 10))).as("failure %d", i + 1).isNull();
    }

    assertThat(guard.record(failed(T0 + 200))).as("the 20th").isNotNull();
  }

  @Test
  void oldResultsLeaveTheWindowSecondBySecond() throws Exception {
    Guard guard = new Guard(rule(5, 4, "error_rate > 50%"));
    guard.record(failed(T0));
    guard.record(failed(T0 + 500));
    for (int s = 1; s <= 4; s++) {
      assertThat(guard.record(ok(T0 + s * 1000))).as("second %d", s).isNull();
    }
    // Second 5: second 0 and its two failures leave the window.
    assertThat(guard.record(failed(T0 + 5_000))).as("1 of 5").isNull();
    assertThat(guard.record(failed(T0 + 5_100))).as("2 of 6").isNull();
    assertThat(guard.record(failed(T0 + 5_200))).as("3 of 7; 5 of 9 had second 0 stayed").isNull();
    // Second 9: the oks of seconds 1 to 4 have left; second 5's failures are still in.
    assertThat(guard.record(ok(T0 + 9_000))).as("3 of 4").isNotNull();
  }

  @Test
  void aResultFromBeforeTheWindowIsLeftOut() throws Exception {
    Guard guard = new Guard(rule(2, 1, "error_rate > 50%"));
    assertThat(guard.record(ok(T0 + 10_000))).isNull();

    assertThat(guard.record(failed(T0 + 8_999))).as("ended 2 s before the newest second").isNull();
    assertThat(guard.record(failed(T0 + 9_000))).as("1 of 2 is not above 50%").isNull();
    assertThat(guard.record(failed(T0 + 9_500))).as("2 of 3").isNotNull();
  }

  @Test
  void aPercentileTripsExactlyWhenMoreThanItsShareIsBeyondTheLimit() throws Exception {
    // p90 > 100ms holds when more than 10% of the executions took longer than 100 ms.
    Guard guard = new Guard(rule(60, 10, "p90 > 100ms"));
    for (int i = 0; i < 18; i++) {
      guard.record(result(T0 + i, 50, Outcome.ok(200, 1)));
    }
    assertThat(guard.record(result(T0 + 20, 100, Outcome.ok(200, 1)))).as("exactly 100 ms is not beyond").isNull();
    assertThat(guard.record(result(T0 + 21, 101, Outcome.ok(200, 1)))).as("1 of 20 beyond").isNull();
    assertThat(guard.record(result(T0 + 22, 900, Outcome.failed(ErrorClass.TIMEOUT, "t")))).as("2 of 21").isNull();
    Guard.Verdict verdict = guard.record(result(T0 + 23, 101, Outcome.ok(200, 1)));

    assertThat(verdict).as("3 of 22 = 13.6%").isNotNull();
    assertThat(verdict.figures()).isEqualTo("3 of 22 executions (13.6%) took longer than 100 ms in the"
        + " last 60 s, more than the 10% a p90 allows");
  }

  @Test
  void droppedExecutionsCountForTheDroppedRateAndTheMinimumButNotForLatency() throws Exception {
    Guard guard = new Guard(rule(10, 4, "dropped_rate > 25%", "p50 > 1s", "error_rate > 0%"));
    guard.record(ok(T0));
    guard.record(ok(T0 + 1));
    guard.record(ok(T0 + 2));
    Guard.Verdict verdict = guard.record(result(T0 + 3, 0, Outcome.dropped()));
    assertThat(verdict).as("1 of 4 is not above 25%").isNull();

    verdict = guard.record(result(T0 + 4, 0, Outcome.dropped()));

    assertThat(verdict.condition().text()).isEqualTo("dropped_rate > 25%");
    assertThat(verdict.figures()).isEqualTo("dropped_rate 40.0%: 2 of 5 executions dropped in the last 10 s");
  }

  @Test
  void cancelledExecutionsAreTheEnginesDoingAndNotCounted() throws Exception {
    Guard guard = new Guard(rule(10, 2, "error_rate > 0%"));
    guard.record(result(T0, 5, Outcome.cancelled()));
    guard.record(result(T0, 5, Outcome.cancelled()));

    assertThat(guard.record(ok(T0 + 1))).isNull();
    assertThat(guard.record(ok(T0 + 2))).as("2 ok: judged, holds").isNull();
  }

  @Test
  void theLastRateThatHeldIsAtTheStartOfTheWindowThatTripped() throws Exception {
    Guard guard = new Guard(rule(5, 1, "error_rate > 50%"));
    for (int s = 0; s < 20; s++) {
      guard.record(ok(T0 + s * 1000));
    }
    Guard.Verdict verdict = null;
    for (int i = 0; verdict == null; i++) {
      verdict = guard.record(failed(T0 + 20_000 + i * 250));
    }

    // Second 21: the oks of seconds 17 to 19 and five failures, 62.5%; at 20.75 s it was 4 of 8.
    assertThat(verdict.epochMillis()).isEqualTo(T0 + 21_000);
    assertThat(verdict.heldEpochMillis()).isEqualTo(T0 + 16_000);
  }

  @Test
  void withNoJudgementThatHeldThereIsNoHeldInstant() throws Exception {
    Guard guard = new Guard(rule(5, 1, "error_rate > 50%"));

    assertThat(guard.record(failed(T0)).heldEpochMillis()).isEqualTo(-1);
  }

  @Test
  void memoryIsFixedByTheWindowWhateverTheRate() throws Exception {
    Guard guard = new Guard(rule(3, 1, "p99 > 1s"));
    for (int i = 0; i < 1_000_000; i++) {
      guard.record(ok(T0 + i / 10)); // 10,000 a second for 100 s
    }

    assertThat(guard.record(ok(T0 + 100_000))).isNull();
    assertThat(Duration.ofSeconds(rule(3, 1, "p99 > 1s").windowSeconds())).isEqualTo(Duration.ofSeconds(3));
  }
}
