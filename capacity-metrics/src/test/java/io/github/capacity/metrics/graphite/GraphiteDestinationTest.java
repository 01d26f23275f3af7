package io.github.capacity.metrics.graphite;

import static io.github.capacity.metrics.Fixtures.EPOCH_MILLIS;
import static io.github.capacity.metrics.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Problem;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.Await;
import io.github.capacity.metrics.TestStats;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphiteDestinationTest {
  @TempDir Path tempDir;
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);
  private final List<AutoCloseable> resources = new ArrayList<>();
  private String host = "web1";

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private MetricsSink open(Map<String, Object> settings) throws InvalidDefinitionException {
    MetricsSink sink = new GraphiteDestination().open(
        new Definition("destinations.json", "graphite", "graphite", settings),
        new DestinationContext(host, tempDir, time));
    resources.add(0, () -> sink.close(Duration.ofSeconds(1)));
    return sink;
  }

  private LineServer server(int port) throws Exception {
    LineServer server = new LineServer(port);
    resources.add(server);
    return server;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void sendsAnEndedIntervalAsPlaintextLinesStampedWithItsStart() throws Exception {
    LineServer server = server(0);
    MetricsSink sink = open(Map.of("port", server.port()));
    sink.record(result("shop.home", 3_000_000, 0, 0, Outcome.dropped()));

    time.advanceMillis(10_000);

    assertThat(String.join("\n", server.readLines(6))).isEqualTo("""
        capacity.web1.shop.home.count 1 1767225600
        capacity.web1.shop.home.ok 0 1767225600
        capacity.web1.shop.home.failed 0 1767225600
        capacity.web1.shop.home.dropped 1 1767225600
        capacity.web1.shop.home.cancelled 0 1767225600
        capacity.web1.shop.home.errors.dropped 1 1767225600""");
  }

  @Test
  void sendsWhatTheAggregatorComputedForEachTestAndInterval() throws Exception {
    LineServer server = server(0);
    MetricsSink sink = open(Map.of("port", server.port(), "prefix", "cap.prod"));
    TestStats expected = new TestStats("a");
    for (int i = 0; i < 50; i++) {
      var result = result("a", 1_000_000 + i * 1_000L, 20 + i, 1_000 + i * 37L, Outcome.ok(200, 0));
      expected.add(result);
      sink.record(result);
    }
    sink.record(result("b", 12_000_000, 0, 500, Outcome.ok(200, 0)));

    time.advanceMillis(10_000);

    List<String> wanted = new ArrayList<>();
    new GraphiteFormat("cap.prod", "web1").summary(expected.summary(), 1767225600).forEach(wanted::add);
    assertThat(server.readLines(wanted.size())).isEqualTo(wanted);
    time.advanceMillis(10_000);
    assertThat(server.readLines(1)).containsExactly("cap.prod.web1.b.count 1 1767225610");
  }

  @Test
  void sendsProblemsAtOnceAsErrorMetrics() throws Exception {
    LineServer server = server(0);
    MetricsSink sink = open(Map.of("port", server.port()));
    sink.problem(new Problem("shop", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "conf.d/a.conf:3: no test x", EPOCH_MILLIS));
    assertThat(server.readLines(1)).containsExactly("capacity.web1.shop.errors.unknown_test_type 1 1767225600");
  }

  @Test
  void sendsOverUdpWhenAsked() throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(5_000);
      MetricsSink sink = open(Map.of("port", receiver.getLocalPort(), "protocol", "udp"));
      sink.problem(new Problem("shop", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      receiver.receive(packet);
      assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
          .isEqualTo("capacity.web1.shop.errors.unknown_test_type 1 1767225600\n");
    }
  }

  @Test
  void reportsARefusedConnectionInHealthThenRecoversAfterTheBackoff() throws Exception {
    int port = closedPort();
    MetricsSink sink = open(Map.of("port", port));
    assertThat(sink.health().failing()).isFalse();
    sink.problem(new Problem("shop", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));

    Await.until("health failing", Duration.ofSeconds(5), () -> sink.health().failing());
    assertThat(sink.health().failingSinceMillis()).isEqualTo(EPOCH_MILLIS);
    assertThat(sink.health().lastError()).startsWith("tcp://127.0.0.1:" + port + ": ");

    LineServer server = server(port);
    time.advanceMillis(100); // the first back-off
    assertThat(server.readLines(1)).containsExactly("capacity.web1.shop.errors.unknown_test_type 1 1767225600");
    Await.until("health recovered", Duration.ofSeconds(5), () -> !sink.health().failing());
  }

  @Test
  void resultsAClosedPortNeverReceivedAreCountedWhenTheSinkCloses() throws Exception {
    MetricsSink sink = open(Map.of("port", closedPort()));
    for (int i = 0; i < 3; i++) {
      sink.record(result("shop", 1_000_000 + i, 0, 1_000, Outcome.ok(200, 0)));
    }
    time.advanceMillis(10_000);
    Await.until("health failing", Duration.ofSeconds(5), () -> sink.health().failing());

    sink.close(Duration.ofSeconds(1));

    assertThat(((io.github.capacity.metrics.BufferedSink) sink).undelivered()).isEqualTo(3);
    assertThat(sink.health().dropped()).as("was 0: a minute lost without a count").isEqualTo(3);
  }

  @Test
  void reconnectsToARestartedServerWithoutLosingTheNextInterval() throws Exception {
    LineServer first = server(0);
    int port = first.port();
    MetricsSink sink = open(Map.of("port", port));
    sink.record(result("a", 1_000_000, 0, 0, Outcome.dropped()));
    time.advanceMillis(10_000);
    assertThat(first.readLines(6)).first().isEqualTo("capacity.web1.a.count 1 1767225600");
    first.close();

    LineServer second = server(port);
    sink.record(result("a", 11_000_000, 0, 0, Outcome.dropped()));
    time.advanceMillis(10_000);
    assertThat(second.readLines(6)).first().isEqualTo("capacity.web1.a.count 1 1767225610");
  }

  @Test
  void reportsDroppedEventsAsAMetric() throws Exception {
    LineServer server = server(0);
    MetricsSink sink = open(Map.of("port", server.port(), "buffer", 1));
    for (int i = 0; i < 2_000; i++) {
      sink.problem(new Problem("t", "web1", ErrorClass.UNKNOWN_TEST_TYPE, "m", EPOCH_MILLIS));
    }
    long dropped = sink.health().dropped();
    assertThat(dropped).isPositive();
    sink.close(Duration.ofSeconds(5));
    long reported = server.readToEnd().stream()
        .filter(line -> line.startsWith("capacity.web1.capacity.metrics_dropped "))
        .mapToLong(line -> Long.parseLong(line.split(" ")[1])).sum();
    assertThat(reported).isEqualTo(dropped);
  }

  @Test
  void namesCraftedToInjectProduceNoExtraLine() throws Exception {
    host = "evil host\nx.y";
    LineServer server = server(0);
    MetricsSink sink = open(Map.of("port", server.port()));
    List<String> names = List.of("a\nfake.metric 1 1", "b c", "c|d", "d:e", "e/f", "..g..h", "../../etc");
    for (String name : names) {
      sink.record(result(name, 1_000_000, 0, 1_000, Outcome.ok(200, 0)));
    }
    sink.close(Duration.ofSeconds(5));
    List<String> lines = server.readToEnd();
    assertThat(lines).hasSize(names.size() * 23).allSatisfy(line ->
        assertThat(line).matches("capacity\\.evil_host_x_y\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)* [0-9.]+ 1767225600"));
    assertThat(lines).noneMatch(line -> line.contains("/") || line.contains(".."));
  }

  @Test
  void refusesBadKeysNamingThePath() {
    assertThatThrownBy(() -> open(Map.of("protocol", "http")))
        .hasMessage("destinations.json: graphite.protocol: is \"http\", expected \"tcp\" or \"udp\"");
    assertThatThrownBy(() -> open(Map.of("prefix", "a..b")))
        .hasMessage("destinations.json: graphite.prefix: is \"a..b\", expected letters, digits, _ and - in levels"
            + " separated by single dots, such as \"capacity\"");
    assertThatThrownBy(() -> open(Map.of("interval", "2500ms")))
        .hasMessage("destinations.json: graphite.interval: is \"2500ms\", expected whole seconds from \"1s\""
            + " to \"60m\", such as \"10s\"");
    assertThatThrownBy(() -> open(Map.of("prot", "tcp")))
        .hasMessageStartingWith("destinations.json: graphite.prot: unknown key, expected one of buffer, connect_timeout,");
  }
}
