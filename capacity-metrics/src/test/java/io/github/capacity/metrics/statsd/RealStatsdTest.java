package io.github.capacity.metrics.statsd;

import static io.github.capacity.metrics.internal.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.internal.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: a real StatsD accepts every line sent; its bad-line counter stays at zero. */
class RealStatsdTest {
  @TempDir Path tempDir;

  @Test
  void aRealStatsdAcceptsEveryLine() throws Exception {
    try (StatsdDaemon statsd = new StatsdDaemon(tempDir)) {
      DestinationContext context = new DestinationContext("web1.example", tempDir, FakeTimeSource.atSecond(0));
      MetricsSink plain = new StatsdDestination().open(new Definition("destinations.json", "statsd", "statsd",
          Map.of("port", statsd.port(), "tags", Map.of("env", "prod", "dc", "eu-1"))), context);
      MetricsSink sampled = new StatsdDestination().open(new Definition("destinations.json", "sampled", "statsd",
          Map.of("port", statsd.port(), "sample_rate", 0.5, "tags", List.of("canary"))), context);
      StatsdFormat format = new StatsdFormat("capacity", "web1.example", 1.0, List.of());

      List<Outcome> outcomes = List.of(Outcome.ok(200, 10), Outcome.failed(ErrorClass.TIMEOUT, "t"),
          Outcome.dropped(), Outcome.cancelled(), Outcome.failed(ErrorClass.of("my_plugin_error"), 500, 0, "x"));
      long expectedLines = 0;
      // In chunks that fit the daemon's UDP receive buffer, each awaited: node reads the socket
      // between its other work, and on a busy host a minute's burst at once could overflow the
      // kernel's buffer, a datagram loss that says nothing about the lines.
      for (int i = 0; i < 500; i++) {
        Result result = result("shop.home-" + (i % 3) + "\n:|evil", i * 1_000L, i % 4, 1_000 + i * 7L, outcomes.get(i % 5));
        plain.record(result);
        sampled.record(result);
        expectedLines += format.execution(result).size();
        if (i % 100 == 99) {
          assertThat(plain.flush(Duration.ofSeconds(10))).isTrue();
          assertThat(sampled.flush(Duration.ofSeconds(10))).isTrue();
          long sent = expectedLines;
          Await.until("statsd to count " + sent + " lines", Duration.ofSeconds(10),
              () -> statsd.linesReceived() >= sent);
        }
      }
      MinuteAccount account = new MinuteAccount("shop.home", "web1", EPOCH_MILLIS, 500, 400, 390, 300, 60, 100, 30, 0);
      plain.account(account);
      plain.problem(new Problem("missing", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "conf:1: no test", EPOCH_MILLIS));
      expectedLines += format.account(account).size() + 1;
      assertThat(plain.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(sampled.flush(Duration.ofSeconds(10))).isTrue();
      plain.close(Duration.ofSeconds(2));
      sampled.close(Duration.ofSeconds(2));

      long atLeast = expectedLines;
      Await.until("statsd to count " + atLeast + " lines", Duration.ofSeconds(10),
          () -> statsd.linesReceived() >= atLeast);
      assertThat(statsd.badLines()).isZero();
      assertThat(plain.health().dropped()).isZero();
    }
  }
}
