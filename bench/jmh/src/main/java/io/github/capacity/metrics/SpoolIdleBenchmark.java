package io.github.capacity.metrics;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.metrics.spool.Spool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the disk spool costs an execution while the server delivers (the spool idle, its folder
 * empty): recording a result into a sink with and without a spool ({@code spool} true or false),
 * the sender thread taking it through a pipeline that delivers at once; and the sender's own check
 * per loop ({@link Spool#replayDue()} on an empty spool, a folder listing at most every 5 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpoolIdleBenchmark {
  @Param({"false", "true"})
  public boolean spool;

  private Path folder;
  private BufferedSink sink;
  private Spool idle;
  private Result result;

  /** Aggregates as graphite does, and delivers each payload to nowhere at once. */
  static final class DeliveringPipeline extends Pipeline {
    private final Aggregator aggregator = new Aggregator(10_000);

    DeliveringPipeline(Spool spool) {
      super(new Transport() {
        @Override
        public void send(String target, byte[] payload) {}

        @Override
        public void disconnect() {}

        @Override
        public String endpoint() {
          return "nowhere";
        }
      }, spool);
    }

    @Override
    public void take(Object event, long wallMillis) {
      if (event instanceof Result r) {
        aggregator.add(r);
      }
    }

    @Override
    public void collect(long wallMillis, boolean all, long newlyDropped) {
      if (!aggregator.takeDue(wallMillis, all).isEmpty()) {
        enqueue(List.of(new byte[64]));
      }
    }
  }

  @Setup
  public void setUp() throws IOException {
    folder = Files.createTempDirectory("capacity-spool-bench");
    Spool sinkSpool = spool ? new Spool(folder.resolve("sink"), 64L << 20, 256 * 1024, TimeSource.system()) : null;
    sink = BufferedSink.start("bench", new DeliveringPipeline(sinkSpool), 100_000, Duration.ofSeconds(10),
        TimeSource.system());
    idle = new Spool(folder.resolve("idle"), 64L << 20, 256 * 1024, TimeSource.system());
    long now = System.currentTimeMillis() * 1_000_000L;
    result = new Result("shop.home", "homepage", "web1", now, now + 20_000L, now + 250_000L, Outcome.ok(200, 512));
  }

  @TearDown
  public void tearDown() throws IOException {
    sink.close(Duration.ofSeconds(2));
    idle.close();
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public void record() {
    sink.record(result);
  }

  @Benchmark
  public boolean replayDueWhenEmpty() {
    return idle.replayDue();
  }
}
