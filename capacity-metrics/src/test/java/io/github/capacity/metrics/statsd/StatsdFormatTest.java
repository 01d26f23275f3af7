package io.github.capacity.metrics.statsd;

import static io.github.capacity.metrics.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Trip;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsdFormatTest {
  private final StatsdFormat format = new StatsdFormat("capacity", "web1", 1.0, List.of());

  @Test
  void writesCountersAndTimersForASuccess() {
    assertThat(format.execution(result("shop.home", 0, 300, 1_700, Outcome.ok(200, 1)))).containsExactly(
        "capacity.web1.shop.home.count:1|c",
        "capacity.web1.shop.home.ok:1|c",
        "capacity.web1.shop.home.latency:2|ms",
        "capacity.web1.shop.home.service_time:1.7|ms",
        "capacity.web1.shop.home.start_lag:0.3|ms");
  }

  @Test
  void writesTheErrorClassForAFailureAndNoTimerForADropOrACancel() {
    assertThat(format.execution(result("t", 0, 0, 5_000, Outcome.failed(ErrorClass.CONNECT_REFUSED, "x"))))
        .startsWith("capacity.web1.t.count:1|c", "capacity.web1.t.failed:1|c", "capacity.web1.t.errors.connect_refused:1|c")
        .hasSize(6);
    assertThat(format.execution(result("t", 0, 0, 0, Outcome.dropped())))
        .containsExactly("capacity.web1.t.count:1|c", "capacity.web1.t.dropped:1|c", "capacity.web1.t.errors.dropped:1|c");
    assertThat(format.execution(result("t", 0, 0, 9, Outcome.cancelled())))
        .containsExactly("capacity.web1.t.count:1|c", "capacity.web1.t.cancelled:1|c", "capacity.web1.t.errors.cancelled:1|c");
  }

  @Test
  void addsTheSampleRateToSampledLinesAndTagsToEveryLine() {
    StatsdFormat tagged = new StatsdFormat("capacity", "web1", 0.25,
        List.of(StatsdFormat.tag("env", "prod"), StatsdFormat.tag("canary", null)));
    assertThat(tagged.execution(result("t", 0, 0, 0, Outcome.dropped())).get(0))
        .isEqualTo("capacity.web1.t.count:1|c|@0.25|#env:prod,canary");
    assertThat(tagged.dropped(3)).isEqualTo("capacity.web1.capacity.metrics_dropped:3|c|#env:prod,canary");
  }

  @Test
  void writesASmallSampleRateInPlainDigits() {
    assertThat(new StatsdFormat("c", "h", 0.0001, List.of()).execution(result("t", 0, 0, 0, Outcome.dropped())).get(0))
        .isEqualTo("c.h.t.count:1|c|@0.0001");
  }

  @Test
  void writesATripAsACounterAndTheRatesAsGauges() {
    assertThat(format.trip(new Trip("shop.search", "web1", "error_rate > 5%", "error_rate 7.3%: 11 of 150 executions failed in the last 10 s", 1767225601_500L, 1767227401_500L, 2460, 2415.4))).containsExactly(
        "capacity.web1.shop.search.abort.tripped:1|c", "capacity.web1.shop.search.abort.tripped_rate:2460|g",
        "capacity.web1.shop.search.abort.held_rate:2415|g");
  }

  @Test
  void writesTheAccountTheProblemAndTheDrops() {
    assertThat(format.account(new MinuteAccount("t", "web1", 0, 60, 58, 57, 50, 6, 2, 1, 0))).containsExactly(
        "capacity.web1.t.minute.planned:60|c", "capacity.web1.t.minute.started:58|c",
        "capacity.web1.t.minute.completed:57|c", "capacity.web1.t.minute.dropped:2|c",
        "capacity.web1.t.minute.skipped:0|c");
    assertThat(format.problem(new Problem("t", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", 0)))
        .isEqualTo("capacity.web1.t.errors.unknown_test_type:1|c");
  }

  @Test
  void namesAndTagsCannotInjectALineOrAField() {
    StatsdFormat evil = new StatsdFormat("capacity", "h|x:1\n", 1.0, List.of(StatsdFormat.tag("a,b|c:d", "e,f|#g\nh")));
    assertThat(evil.execution(result("a\nb:1|c|@0.1 #x", 0, 0, 0, Outcome.dropped())).get(0))
        .isEqualTo("capacity.h_x_1_.a_b_1_c__0.1__x.count:1|c|#a_b_c_d:e_f__g_h");
  }
}
