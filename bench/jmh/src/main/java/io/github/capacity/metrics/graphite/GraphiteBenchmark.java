package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.metrics.internal.Summary;
import io.github.capacity.metrics.internal.TestStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding one test's interval as Graphite plaintext lines (about 25 lines: counts and three
 * latency families); the format is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GraphiteBenchmark {
  private GraphiteFormat format;
  private Summary summary;

  @Setup
  public void setUp() {
    format = new GraphiteFormat("capacity", "web1.example.com");
    TestStats stats = new TestStats("shop.home");
    long base = 1_767_225_600_000_000_000L;
    for (int i = 0; i < 5000; i++) {
      long planned = base + i * 2_000_000L;
      stats.add(new Result("shop.home", "homepage", "web1", planned, planned + 20_000L,
          planned + 200_000L + (i % 17) * 30_000L, Outcome.ok(200, 512)));
    }
    summary = stats.summary();
  }

  @Benchmark
  public List<String> intervalLines() {
    return format.summary(summary, 1_767_225_600L);
  }
}
