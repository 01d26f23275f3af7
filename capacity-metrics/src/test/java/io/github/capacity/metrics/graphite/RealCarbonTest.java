package io.github.capacity.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.internal.Summary;
import io.github.capacity.metrics.internal.TestStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: what a real Carbon stores equals what the aggregator computed. */
class RealCarbonTest {
  @TempDir Path tempDir;

  @Test
  void whisperHoldsWhatTheAggregatorComputed() throws Exception {
    try (Carbon carbon = new Carbon(Files.createDirectories(tempDir.resolve("carbon")))) {
      // An interval that ended 20 s ago: inside the whisper retention, whatever the date.
      long realNow = System.currentTimeMillis();
      long intervalStart = realNow - Math.floorMod(realNow, 10_000) - 20_000;
      FakeTimeSource time = new FakeTimeSource(intervalStart);
      MetricsSink sink = new GraphiteDestination().open(
          new Definition("destinations.json", "graphite", "graphite", Map.of("port", carbon.port())),
          new DestinationContext("web1", tempDir, time));

      TestStats expected = new TestStats("carbon_test");
      long base = intervalStart * 1_000_000L;
      for (int i = 0; i < 200; i++) {
        Outcome outcome = i % 7 == 0 ? Outcome.failed(ErrorClass.TIMEOUT, "t")
            : i % 50 == 0 ? Outcome.dropped() : Outcome.ok(200, 100);
        long planned = base + i * 40_000_000L;
        long start = planned + (i % 5) * 250_000L;
        Result result = new Result("carbon_test", "homepage", "web1", planned, start,
            outcome.isDropped() ? start : start + 3_000_000L + i * 123_457L, outcome);
        expected.add(result);
        sink.record(result);
      }
      time.advanceMillis(10_000);
      assertThat(sink.flush(Duration.ofSeconds(10))).isTrue();
      sink.close(Duration.ofSeconds(5));

      Summary summary = expected.summary();
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("count", (double) summary.count());
      figures.put("ok", (double) summary.ok());
      figures.put("failed", (double) summary.failed());
      figures.put("dropped", (double) summary.dropped());
      figures.put("errors.timeout", (double) summary.errors().get("timeout"));
      latency(figures, "latency", summary.latency());
      latency(figures, "service_time", summary.serviceTime());
      latency(figures, "start_lag", summary.startLag());
      long seconds = intervalStart / 1000;
      for (Map.Entry<String, Double> figure : figures.entrySet()) {
        assertThat(carbon.await("capacity.web1.carbon_test." + figure.getKey(), seconds))
            .as(figure.getKey()).isEqualTo(figure.getValue());
      }
      assertThat(summary.count()).isEqualTo(200);
    }
  }

  private static void latency(Map<String, Double> figures, String name, Summary.Latency latency) {
    figures.put(name + ".min", latency.min());
    figures.put(name + ".mean", latency.mean());
    figures.put(name + ".p50", latency.p50());
    figures.put(name + ".p90", latency.p90());
    figures.put(name + ".p99", latency.p99());
    figures.put(name + ".max", latency.max());
  }
}
