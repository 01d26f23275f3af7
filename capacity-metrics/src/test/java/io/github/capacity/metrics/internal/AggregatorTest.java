package io.github.capacity.metrics.internal;

import static io.github.capacity.metrics.internal.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Outcome;
import org.junit.jupiter.api.Test;

class AggregatorTest {
  @Test
  void groupsByWallClockIntervalOfTheEndAndReleasesAnIntervalOnceEnded() {
    Aggregator aggregator = new Aggregator(10_000);
    aggregator.add(result("a", 9_990_000, 0, 5_000, Outcome.ok(200, 0)));  // ends at 9.995 s
    aggregator.add(result("a", 9_999_000, 0, 5_000, Outcome.ok(200, 0)));  // ends at 10.004 s
    aggregator.add(result("b", 1_000_000, 0, 5_000, Outcome.ok(200, 0)));

    assertThat(aggregator.takeDue(EPOCH_MILLIS + 9_999, false)).isEmpty();
    var due = aggregator.takeDue(EPOCH_MILLIS + 10_000, false);
    assertThat(due).hasSize(1);
    assertThat(due.get(0).startMillis()).isEqualTo(EPOCH_MILLIS);
    assertThat(due.get(0).summaries()).extracting(Summary::testName, Summary::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1L), org.assertj.core.groups.Tuple.tuple("b", 1L));

    var rest = aggregator.takeDue(EPOCH_MILLIS + 10_000, true);
    assertThat(rest).singleElement().extracting(Aggregator.Interval::startMillis).isEqualTo(EPOCH_MILLIS + 10_000);
    assertThat(aggregator.isEmpty()).isTrue();
  }

  @Test
  void aResultArrivingAfterItsIntervalWasTakenGoesIntoTheNextOneNeverResendingIt() {
    Aggregator aggregator = new Aggregator(10_000);
    aggregator.add(result("a", 1_000_000, 0, 5_000, Outcome.ok(200, 0)));
    aggregator.add(result("a", 2_000_000, 0, 5_000, Outcome.ok(200, 0)));
    assertThat(aggregator.takeDue(EPOCH_MILLIS + 10_000, false)).singleElement()
        .extracting(i -> i.summaries().get(0).count()).isEqualTo(2L);

    aggregator.add(result("a", 9_000_000, 0, 5_000, Outcome.ok(200, 0))); // late: ended at 9 s

    var next = aggregator.takeDue(EPOCH_MILLIS + 20_000, false);
    assertThat(next).singleElement().extracting(Aggregator.Interval::startMillis)
        .as("never a second, partial value at the full one's timestamp").isEqualTo(EPOCH_MILLIS + 10_000);
    assertThat(aggregator.lateResults()).isEqualTo(1);
  }

  @Test
  void aMinutesLastIntervalKeepsItsDrainedResultsAndWaitsForTheAccounts() {
    Aggregator aggregator = new Aggregator(10_000);
    aggregator.accountArrived("a", EPOCH_MILLIS - 60_000); // fed by the engine: accounts come
    aggregator.add(result("a", 55_000_000, 0, 1_000, Outcome.ok(200, 0)));
    aggregator.add(result("a", 59_000_000, 0, 2_000_000, Outcome.ok(200, 0))); // ends at 61 s

    assertThat(aggregator.takeDue(EPOCH_MILLIS + 60_000, false)).as("accounts not yet in").isEmpty();
    aggregator.accountArrived("a", EPOCH_MILLIS);

    var due = aggregator.takeDue(EPOCH_MILLIS + 61_000, false);
    assertThat(due).singleElement().extracting(Aggregator.Interval::startMillis)
        .as("not the next minute's 60 s interval, which the next run sends")
        .isEqualTo(EPOCH_MILLIS + 50_000);
    assertThat(due.get(0).summaries().get(0).count()).isEqualTo(2);
    assertThat(aggregator.isEmpty()).isTrue();
  }

  @Test
  void aMinutesLastIntervalWaitsForItsAccountsAtMostAMinute() {
    Aggregator aggregator = new Aggregator(10_000);
    aggregator.accountArrived("a", EPOCH_MILLIS - 60_000); // fed by the engine: accounts come
    aggregator.add(result("a", 55_000_000, 0, 1_000, Outcome.ok(200, 0)));

    assertThat(aggregator.takeDue(EPOCH_MILLIS + 60_000 + Aggregator.MAX_HOLD_MILLIS - 1, false)).isEmpty();
    assertThat(aggregator.takeDue(EPOCH_MILLIS + 60_000 + Aggregator.MAX_HOLD_MILLIS, false)).hasSize(1);
  }

  @Test
  void formatsMillisWithoutExponentOrTrailingZeros() {
    assertThat(Millis.text(12.0)).isEqualTo("12");
    assertThat(Millis.text(1.55)).isEqualTo("1.55");
    assertThat(Millis.text(0.0001)).isEqualTo("0");
    assertThat(Millis.text(1234567.891)).isEqualTo("1234567.891");
    assertThat(Millis.ofNanos(1_234_567)).isEqualTo(1.235);
  }
}
