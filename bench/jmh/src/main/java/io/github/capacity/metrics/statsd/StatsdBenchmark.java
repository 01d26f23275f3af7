package io.github.capacity.metrics.statsd;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encoding one execution as StatsD lines (counters and timers); the format is package-private. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatsdBenchmark {
  private StatsdFormat format;
  private Result result;

  @Setup
  public void setUp() {
    format = new StatsdFormat("capacity", "web1", 1, List.of("env:prod"));
    long planned = 1_767_225_600_000_000_000L;
    result = new Result("shop.home", "homepage", "web1", planned, planned + 30_000L, planned + 250_000L,
        Outcome.ok(200, 512));
  }

  @Benchmark
  public List<String> executionLines() {
    return format.execution(result);
  }
}
