package io.github.capacity.metrics.graphite;

import static io.github.capacity.metrics.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.Await;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Graphite could not take goes to the spool and arrives later, unchanged. */
class GraphiteSpoolTest {
  private static final String INTERVAL_LINES = """
      capacity.web1.shop.count 1 1767225600
      capacity.web1.shop.ok 0 1767225600
      capacity.web1.shop.failed 0 1767225600
      capacity.web1.shop.dropped 1 1767225600
      capacity.web1.shop.cancelled 0 1767225600
      capacity.web1.shop.errors.dropped 1 1767225600""";

  @TempDir Path tempDir;
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);

  private MetricsSink open(int port) throws InvalidDefinitionException {
    return new GraphiteDestination().open(
        new Definition("destinations.json", "carbon", "graphite", Map.of("port", port)),
        new DestinationContext("web1", tempDir, time, tempDir.resolve("spool"), 1 << 20));
  }

  @Test
  void anIntervalSpooledWhileCarbonIsDownIsSentWhenItIsBack() throws Exception {
    int port = closedPort();
    MetricsSink sink = open(port);
    try {
      sink.record(result("shop", 3_000_000, 0, 0, Outcome.dropped()));
      time.advanceMillis(10_000);
      Await.until("six lines spooled", Duration.ofSeconds(10), () -> sink.health().spooled() == 6);
      assertThat(sink.health().failing()).isTrue();
      assertThat(sink.health().dropped()).isZero();
      assertThat(spoolFiles()).hasSize(1);

      try (LineServer server = new LineServer(port)) {
        time.advanceMillis(1_000); // past the back-off
        assertThat(String.join("\n", server.readLines(6))).isEqualTo(INTERVAL_LINES);
        Await.until("six lines replayed", Duration.ofSeconds(10), () -> sink.health().replayed() == 6);
        assertThat(sink.health().failing()).isFalse();
        assertThat(spoolFiles()).isEmpty();
      }
    } finally {
      sink.close(Duration.ofSeconds(1));
    }
  }

  @Test
  void whatOneRunSpooledTheNextRunSendsFirst() throws Exception {
    int port = closedPort();
    MetricsSink earlier = open(port);
    earlier.record(result("shop", 3_000_000, 0, 0, Outcome.dropped()));
    assertThat(earlier.flush(Duration.ofSeconds(5))).as("spooled, not delivered").isFalse();
    earlier.close(Duration.ofSeconds(1));
    assertThat(earlier.health().spooled()).isEqualTo(6);
    assertThat(earlier.health().dropped()).as("spooled, so not lost").isZero();

    try (LineServer server = new LineServer(port)) {
      MetricsSink next = open(port);
      try {
        assertThat(String.join("\n", server.readLines(6))).isEqualTo(INTERVAL_LINES);
        Await.until("six lines replayed", Duration.ofSeconds(10), () -> next.health().replayed() == 6);
        assertThat(next.health().spooled()).isZero();
      } finally {
        next.close(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void spoolingCanBeTurnedOff() throws Exception {
    MetricsSink sink = new GraphiteDestination().open(
        new Definition("destinations.json", "carbon", "graphite", Map.of("port", closedPort(), "spool", false)),
        new DestinationContext("web1", tempDir, time, tempDir.resolve("spool"), 1 << 20));
    sink.record(result("shop", 3_000_000, 0, 0, Outcome.dropped()));
    assertThat(sink.flush(Duration.ofMillis(300))).isFalse();
    sink.close(Duration.ofSeconds(1));
    assertThat(sink.health().spooled()).isZero();
    assertThat(sink.health().dropped()).as("not delivered when it closed").isEqualTo(1);
    assertThat(tempDir.resolve("spool")).doesNotExist();
  }

  private Stream<Path> spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(tempDir.resolve("spool/carbon"))) {
      return files.toList().stream();
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
