package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.metrics.Aggregator;
import io.github.capacity.metrics.TcpTransport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@code PrometheusStartupBenchmark}: in a fresh JVM each time, graphite's first
 * interval turned into its first payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(20)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class GraphiteStartupBenchmark {
  @Benchmark
  public int firstPayload() {
    GraphitePipeline pipeline = new GraphitePipeline(new TcpTransport("127.0.0.1", 9, 1000),
        new GraphiteFormat("capacity", "web1"), new Aggregator(10_000), 16 * 1024, null);
    long now = 1_767_225_600_000_000_000L;
    pipeline.take(new Result("shop.home", "homepage", "web1", now, now + 20_000L, now + 250_000L,
        Outcome.ok(200, 512)), 1_767_225_600_000L);
    pipeline.collect(1_767_225_610_000L, true, 0);
    return pipeline.pendingPayloads();
  }
}
