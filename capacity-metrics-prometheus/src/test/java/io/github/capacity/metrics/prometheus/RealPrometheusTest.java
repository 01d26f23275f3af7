package io.github.capacity.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: what a real Prometheus answers through its HTTP API equals what the file
 * destination recorded for the same executions.
 */
class RealPrometheusTest {
  @TempDir Path tempDir;

  @Test
  void prometheusHoldsTheCountsTheFileDestinationRecorded() throws Exception {
    try (PrometheusServer prometheus = new PrometheusServer(Files.createDirectories(tempDir.resolve("prometheus")))) {
      DestinationContext context = new DestinationContext("web1", tempDir, TimeSource.system());
      MetricsSink file = destination("file").open(new Definition("destinations.json", "file", "file", Map.of()), context);
      MetricsSink remote = new PrometheusDestination().open(new Definition("destinations.json", "prom", "prometheus",
          Map.of("url", prometheus.writeUrl(), "interval", "1s")), context);
      long now = System.currentTimeMillis() * 1_000_000L;
      for (int i = 0; i < 900; i++) {
        Outcome outcome = i % 9 == 0 ? Outcome.failed(ErrorClass.TIMEOUT, "t")
            : i % 31 == 0 ? Outcome.failed(ErrorClass.CONNECT_REFUSED, "r")
            : i % 50 == 0 ? Outcome.dropped() : Outcome.ok(200, 100);
        long planned = now - (900 - i) * 2_000_000L;
        Result result = new Result(i % 2 == 0 ? "shop.home" : "shop.search", "homepage", "web1", planned,
            planned + 100_000, planned + 1_500_000, outcome);
        file.record(result);
        remote.record(result);
      }
      assertThat(file.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(remote.flush(Duration.ofSeconds(10))).isTrue();
      file.close(Duration.ofSeconds(5));
      remote.close(Duration.ofSeconds(5));

      Map<String, Long> recorded = fromFile();
      assertThat(recorded).containsKeys("shop.home/ok", "shop.search/timeout", "shop.home/dropped");
      assertThat(fromPrometheus(prometheus)).isEqualTo(recorded);
    }
  }

  /** {@code test/ok} and {@code test/<error class>} counts of the file's execution lines. */
  private Map<String, Long> fromFile() throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.list(tempDir)) {
      for (Path day : files.filter(f -> f.getFileName().toString().startsWith("results-")).toList()) {
        for (String line : Files.readAllLines(day)) {
          JsonNode node = mapper.readTree(line);
          if (node.get("kind").asText().equals("execution")) {
            String what = node.get("ok").asBoolean() ? "ok" : node.get("error_class").asText();
            counts.merge(node.get("test_name").asText() + "/" + what, 1L, Long::sum);
          }
        }
      }
    }
    return counts;
  }

  /** The same counts from {@code capacity_executions_total} (ok) and {@code capacity_errors_total}. */
  private static Map<String, Long> fromPrometheus(PrometheusServer prometheus) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode series : prometheus.query("capacity_executions_total{job=\"capacity\",host=\"web1\",outcome=\"ok\"}")) {
      counts.put(series.path("metric").path("test").asText() + "/ok", series.path("value").get(1).asLong());
    }
    for (JsonNode series : prometheus.query("capacity_errors_total{job=\"capacity\",host=\"web1\"}")) {
      counts.put(series.path("metric").path("test").asText() + "/" + series.path("metric").path("error_class").asText(),
          series.path("value").get(1).asLong());
    }
    return counts;
  }

  private static MetricsDestination destination(String name) {
    List<MetricsDestination> found = ServiceLoader.load(MetricsDestination.class).stream()
        .map(ServiceLoader.Provider::get).filter(d -> d.name().equals(name)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
