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
  void formatsMillisWithoutExponentOrTrailingZeros() {
    assertThat(Millis.text(12.0)).isEqualTo("12");
    assertThat(Millis.text(1.55)).isEqualTo("1.55");
    assertThat(Millis.text(0.0001)).isEqualTo("0");
    assertThat(Millis.text(1234567.891)).isEqualTo("1234567.891");
    assertThat(Millis.ofNanos(1_234_567)).isEqualTo(1.235);
  }
}
