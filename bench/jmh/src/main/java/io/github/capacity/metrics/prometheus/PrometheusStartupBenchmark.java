package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.metrics.Aggregator;
import java.net.URI;
import java.util.Map;
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
 * What the {@code prometheus} destination adds to a cron run's start-up when it is used: in a
 * fresh JVM each time (single shot, 20 forks), the first interval turned into its first payload,
 * which loads and initialises the pipeline, protobuf-javalite, the generated request classes and
 * aircompressor's Snappy. Compare with {@code GraphiteStartupBenchmark}: the difference is the cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(20)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class PrometheusStartupBenchmark {
  @Benchmark
  public int firstPayload() throws Exception {
    RemoteWriteTransport transport = new RemoteWriteTransport(URI.create("http://127.0.0.1:9/api/v1/write").toURL(),
        Map.of(), 1000, 1000);
    PrometheusPipeline pipeline = new PrometheusPipeline(transport,
        new PrometheusFormat(Map.of("job", "capacity", "host", "web1")), new Aggregator(10_000), null);
    long now = 1_767_225_600_000_000_000L;
    pipeline.take(new Result("shop.home", "homepage", "web1", now, now + 20_000L, now + 250_000L,
        Outcome.ok(200, 512)), 1_767_225_600_000L);
    pipeline.collect(1_767_225_610_000L, true, 0);
    return pipeline.pendingPayloads();
  }
}
