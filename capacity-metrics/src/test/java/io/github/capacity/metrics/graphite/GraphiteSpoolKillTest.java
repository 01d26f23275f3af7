package io.github.capacity.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: a process killed with SIGKILL while it spools leaves a spool the next run sends. */
class GraphiteSpoolKillTest {
  @TempDir Path spool;

  @Test
  void aSpoolLeftByKillNineIsSentWholeByTheNextRun() throws Exception {
    int port = closedPort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process spooler = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        SpoolingMain.class.getName(), spool.toString(), Integer.toString(port))
        .redirectError(spool.resolve("spooler.err").toFile())
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(spooler.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as(Files.readString(spool.resolve("spooler.err"))).isEqualTo("spooling");
    } finally {
      spooler.destroyForcibly(); // SIGKILL, in the middle of spooling
      assertThat(spooler.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(spooler.exitValue()).isEqualTo(137);

    FakeTimeSource time = new FakeTimeSource(1_767_225_600_000L);
    try (LineServer server = new LineServer(port)) {
      CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
        try {
          return server.readToEnd();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      MetricsSink next = new GraphiteDestination().open(
          new Definition("destinations.json", "carbon", "graphite",
              Map.of("port", port, "replay_bytes_per_second", 1L << 30)),
          new DestinationContext("web1", spool, time, spool, 256L << 20));
      Await.until("the spool sent", Duration.ofSeconds(60), () -> {
        time.advanceMillis(100);
        return segments().isEmpty();
      });
      next.close(Duration.ofSeconds(5));
      List<String> lines = received.get(30, TimeUnit.SECONDS);
      assertThat(lines).isNotEmpty().hasSize((int) next.health().replayed());
      assertThat(lines).allMatch(line -> line.matches("capacity\\.web1\\.shop\\.t[0-9]+\\.[a-z_.0-9]+ [0-9.]+ [0-9]+"));
      assertThat(next.health().spoolDropped()).isZero();
    }
  }

  private List<Path> segments() {
    try (Stream<Path> files = Files.list(spool.resolve("carbon"))) {
      return files.filter(file -> file.toString().endsWith(".spool")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
