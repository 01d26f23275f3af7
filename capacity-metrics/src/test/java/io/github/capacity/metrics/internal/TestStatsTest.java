package io.github.capacity.metrics.internal;

import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TestStatsTest {
  @Test
  void countsEveryOutcomeAndKeepsDroppedAndCancelledOutOfLatencies() {
    TestStats stats = new TestStats("t");
    stats.add(result("t", 0, 100, 1_000, Outcome.ok(200, 10)));
    stats.add(result("t", 0, 300, 1_700, Outcome.failed(ErrorClass.TIMEOUT, "slow")));
    stats.add(result("t", 0, 0, 0, Outcome.dropped()));
    stats.add(result("t", 0, 10, 900_000, Outcome.cancelled()));

    Summary summary = stats.summary();

    assertThat(summary.count()).isEqualTo(4);
    assertThat(summary.ok()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.dropped()).isEqualTo(1);
    assertThat(summary.cancelled()).isEqualTo(1);
    assertThat(summary.latency()).isEqualTo(new Summary.Latency(1.1, 1.55, 1.1, 2.0, 2.0, 2.0));
    assertThat(summary.serviceTime()).isEqualTo(new Summary.Latency(1.0, 1.35, 1.0, 1.7, 1.7, 1.7));
    assertThat(summary.startLag()).isEqualTo(new Summary.Latency(0.1, 0.2, 0.1, 0.3, 0.3, 0.3));
    assertThat(summary.errors()).containsExactly(
        Map.entry("cancelled", 1L), Map.entry("dropped", 1L), Map.entry("timeout", 1L));
  }

  @Test
  void hasNoLatenciesWhenNothingRan() {
    TestStats stats = new TestStats("t");
    stats.add(result("t", 0, 0, 0, Outcome.dropped()));
    assertThat(stats.summary().latency()).isNull();
  }

  @Test
  void percentilesAreHdrHistogramsWithinItsPrecision() {
    TestStats stats = new TestStats("t");
    Histogram reference = new Histogram(3_600_000_000L, 3);
    for (int i = 1; i <= 1000; i++) {
      long micros = i * 137L;
      stats.add(result("t", 0, 0, micros, Outcome.ok(200, 0)));
      reference.recordValue(micros);
    }
    Summary.Latency latency = stats.summary().latency();
    assertThat(latency.p99() * 1000).isCloseTo(reference.getValueAtPercentile(99), org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(latency.p50() * 1000).isCloseTo(reference.getValueAtPercentile(50), org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(latency.min()).isEqualTo(0.137);
    assertThat(latency.max()).isEqualTo(137.0);
  }
}
