package io.github.capacity.metrics.internal;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Recording a result in the aggregator (interval lookup, counters, three histograms), and
 * encoding one as the {@code file}/{@code udp} destinations' JSON line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordBenchmark {
  private final JsonLines json = new JsonLines();
  private Aggregator aggregator;
  private Result[] results;
  private int next;

  @Setup
  public void setUp() {
    aggregator = new Aggregator(10_000);
    results = new Result[1024];
    long base = 1_767_225_600_000_000_000L;
    for (int i = 0; i < results.length; i++) {
      long planned = base + i * 500_000L;
      long start = planned + 20_000L + (i % 7) * 10_000L;
      long end = start + 150_000L + (i % 13) * 40_000L;
      results[i] = new Result("shop.home", "homepage", "web1", planned, start, end, Outcome.ok(200, 512));
    }
  }

  @Benchmark
  public void aggregatorAdd() {
    aggregator.add(results[next]);
    next = (next + 1) & (results.length - 1);
    if (next == 0) {
      aggregator.takeDue(Long.MAX_VALUE, true);
    }
  }

  @Benchmark
  public void jsonExecutionLine(Blackhole bh) {
    bh.consume(json.execution(results[next]).bytes());
    next = (next + 1) & (results.length - 1);
  }
}
