package io.github.capacity.metrics.graphite;

import static io.github.capacity.metrics.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.TestStats;
import org.junit.jupiter.api.Test;

class GraphiteFormatTest {
  private final GraphiteFormat format = new GraphiteFormat("capacity", "web1.example");

  @Test
  void writesAnIntervalAsOneLinePerFigure() {
    TestStats stats = new TestStats("shop.home");
    stats.add(result("shop.home", 0, 100, 1_000, Outcome.ok(200, 10)));
    stats.add(result("shop.home", 0, 300, 1_700, Outcome.failed(ErrorClass.TIMEOUT, "slow")));

    assertThat(String.join("\n", format.summary(stats.summary(), 1767225600))).isEqualTo("""
        capacity.web1_example.shop.home.count 2 1767225600
        capacity.web1_example.shop.home.ok 1 1767225600
        capacity.web1_example.shop.home.failed 1 1767225600
        capacity.web1_example.shop.home.dropped 0 1767225600
        capacity.web1_example.shop.home.cancelled 0 1767225600
        capacity.web1_example.shop.home.latency.min 1.1 1767225600
        capacity.web1_example.shop.home.latency.mean 1.55 1767225600
        capacity.web1_example.shop.home.latency.p50 1.1 1767225600
        capacity.web1_example.shop.home.latency.p90 2 1767225600
        capacity.web1_example.shop.home.latency.p99 2 1767225600
        capacity.web1_example.shop.home.latency.max 2 1767225600
        capacity.web1_example.shop.home.service_time.min 1 1767225600
        capacity.web1_example.shop.home.service_time.mean 1.35 1767225600
        capacity.web1_example.shop.home.service_time.p50 1 1767225600
        capacity.web1_example.shop.home.service_time.p90 1.7 1767225600
        capacity.web1_example.shop.home.service_time.p99 1.7 1767225600
        capacity.web1_example.shop.home.service_time.max 1.7 1767225600
        capacity.web1_example.shop.home.start_lag.min 0.1 1767225600
        capacity.web1_example.shop.home.start_lag.mean 0.2 1767225600
        capacity.web1_example.shop.home.start_lag.p50 0.1 1767225600
        capacity.web1_example.shop.home.start_lag.p90 0.3 1767225600
        capacity.web1_example.shop.home.start_lag.p99 0.3 1767225600
        capacity.web1_example.shop.home.start_lag.max 0.3 1767225600
        capacity.web1_example.shop.home.errors.timeout 1 1767225600""");
  }

  @Test
  void writesTheMinuteAccountTheProblemAndTheDrops() {
    assertThat(format.account(new MinuteAccount("t", "web1", 1767225600_000L, 60, 58, 57, 50, 6, 2, 1, 0)))
        .containsExactly(
            "capacity.web1_example.t.minute.planned 60 1767225600",
            "capacity.web1_example.t.minute.started 58 1767225600",
            "capacity.web1_example.t.minute.completed 57 1767225600",
            "capacity.web1_example.t.minute.dropped 2 1767225600",
            "capacity.web1_example.t.minute.skipped 0 1767225600");
    assertThat(format.account(new MinuteAccount("t", "web1", 1767225600_000L, 60, 58, 57, 50, 6, 2, 1, 0)
        .withDelivery(new MinuteAccount.Delivery(0, 30, 12, 1))))
        .endsWith(
            "capacity.web1_example.t.minute.metrics_dropped 0 1767225600",
            "capacity.web1_example.t.minute.metrics_spooled 30 1767225600",
            "capacity.web1_example.t.minute.metrics_replayed 12 1767225600",
            "capacity.web1_example.t.minute.metrics_spool_dropped 1 1767225600");
    assertThat(format.problem(new Problem("t", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "conf:1: no such test", 1767225601_500L)))
        .isEqualTo("capacity.web1_example.t.errors.unknown_test_type 1 1767225601");
    assertThat(format.dropped(42, 1767225610)).isEqualTo("capacity.web1_example.capacity.metrics_dropped 42 1767225610");
  }

  @Test
  void writesATripAndTheRatesThatBracketTheKnee() {
    assertThat(format.trip(new Trip("shop.search", "web1", "error_rate > 5%", "error_rate 7.3%: 11 of 150 executions failed in the last 10 s", 1767225601_500L, 1767227401_500L, 2460, 2415.4))).containsExactly(
        "capacity.web1_example.shop.search.abort.tripped 1 1767225601",
        "capacity.web1_example.shop.search.abort.tripped_rate 2460 1767225601",
        "capacity.web1_example.shop.search.abort.held_rate 2415 1767225601");
    assertThat(format.trip(new Trip("t", "web1", "p99 > 1s", "f", 1767225601_500L, 0, 6.25, Double.NaN)))
        .containsExactly("capacity.web1_example.t.abort.tripped 1 1767225601",
            "capacity.web1_example.t.abort.tripped_rate 6.3 1767225601");
  }

  @Test
  void aTestNameCannotInjectALineOrAField() {
    TestStats stats = new TestStats("evil 1 0\nother.metric");
    stats.add(result("x", 0, 0, 1_000, Outcome.ok(200, 0)));
    assertThat(format.summary(stats.summary(), 1)).allSatisfy(line -> {
      assertThat(line).startsWith("capacity.web1_example.evil_1_0_other.metric.");
      assertThat(line.split(" ")).hasSize(3);
    });
  }
}
