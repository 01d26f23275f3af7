package io.github.capacity.metrics.statsd;

import static io.github.capacity.metrics.internal.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.sink.UdpTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsdDestinationTest {
  @TempDir Path tempDir;
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);

  private MetricsSink open(Map<String, Object> settings) throws Exception {
    return new StatsdDestination().open(new Definition("destinations.json", "statsd", "statsd", settings),
        new DestinationContext("web1", tempDir, time));
  }

  @Test
  void sendsAnExecutionsLinesInOneDatagram() throws Exception {
    try (DatagramReceiver receiver = new DatagramReceiver()) {
      MetricsSink sink = open(Map.of("port", receiver.port(), "tags", Map.of("env", "prod")));
      sink.record(result("shop", 0, 300, 1_700, Outcome.ok(200, 1)));
      assertThat(receiver.receive()).isEqualTo("""
          capacity.web1.shop.count:1|c|#env:prod
          capacity.web1.shop.ok:1|c|#env:prod
          capacity.web1.shop.latency:2|ms|#env:prod
          capacity.web1.shop.service_time:1.7|ms|#env:prod
          capacity.web1.shop.start_lag:0.3|ms|#env:prod""");
      sink.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void packsLinesIntoDatagramsNoLargerThanThePacketSize() throws Exception {
    try (DatagramReceiver receiver = new DatagramReceiver()) {
      MetricsSink sink = open(Map.of("port", receiver.port(), "packet_size", 100));
      for (int i = 0; i < 20; i++) {
        sink.problem(new Problem("t" + i, "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));
      }
      sink.close(Duration.ofSeconds(2));
      List<String> lines = new ArrayList<>();
      while (lines.size() < 20) {
        String datagram = receiver.receive();
        assertThat(datagram.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
        assertThat(datagram).doesNotEndWith("\n");
        lines.addAll(List.of(datagram.split("\n")));
      }
      assertThat(lines).hasSize(20).allMatch(line -> line.matches("capacity\\.web1\\.t\\d+\\.errors\\.unknown_test_type:1\\|c"));
    }
  }

  @Test
  void sendsAboutTheSampleRateShareOfExecutionsMarkedWithTheRate() throws Exception {
    double[] draws = {0.1, 0.9, 0.2, 0.8};
    int[] next = {0};
    try (DatagramReceiver receiver = new DatagramReceiver()) {
      StatsdPipeline pipeline = new StatsdPipeline(new UdpTransport("127.0.0.1", receiver.port()),
          new StatsdFormat("capacity", "web1", 0.5, List.of()), 1432, 0.5, () -> draws[next[0]++ % 4]);
      for (int i = 0; i < 4; i++) {
        pipeline.take(result("t" + i, 0, 0, 0, Outcome.dropped()), 0);
      }
      pipeline.collect(0, true, 0);
      pipeline.deliver();
      assertThat(receiver.receive()).isEqualTo("""
          capacity.web1.t0.count:1|c|@0.5
          capacity.web1.t0.dropped:1|c|@0.5
          capacity.web1.t0.errors.dropped:1|c|@0.5
          capacity.web1.t2.count:1|c|@0.5
          capacity.web1.t2.dropped:1|c|@0.5
          capacity.web1.t2.errors.dropped:1|c|@0.5""");
    }
  }

  @Test
  void refusesABadSampleRateOrTags() {
    assertThatThrownBy(() -> open(Map.of("sample_rate", 0)))
        .hasMessage("destinations.json: statsd.sample_rate: is 0, expected a number above 0 and at most 1, such as 0.1");
    assertThatThrownBy(() -> open(Map.of("tags", "env")))
        .hasMessage("destinations.json: statsd.tags: is \"env\", expected an object such as {\"env\": \"prod\"}"
            + " or a list such as [\"env:prod\"]");
  }
}
