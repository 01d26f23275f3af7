package io.github.capacity.core;

import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Schedule;
import java.time.Duration;
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
 * The scheduler's hot path: planning the next start of a test and dispatching it, with a test
 * that completes at once and a sink that discards, so only the engine's own cost is measured
 * (counters, the in-flight set, the result). In the engine's package: {@code TestRun} is
 * package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {
  private static final long WINDOW_NANOS = 60_000_000_000L;

  private TestRun run;
  private long windowStart;
  private long minuteMillis;
  private Schedule schedule;
  private long index;

  /** Completes every execution at once, on the calling thread. */
  static final class InstantTest implements PreparedTest {
    @Override
    public io.github.capacity.api.Execution start(String testName, java.util.function.Consumer<Outcome> whenDone) {
      whenDone.accept(Outcome.ok(200, 2));
      return () -> {};
    }

    @Override
    public void close() {}
  }

  /** Discards everything. */
  static final class NullSink implements MetricsSink {
    volatile Result last;

    @Override
    public void record(Result result) {
      last = result;
    }

    @Override
    public void account(MinuteAccount account) {}

    @Override
    public void problem(Problem problem) {}

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public void close(Duration timeout) {}
  }

  @Setup
  public void setUp() {
    TimeSource time = TimeSource.system();
    RunContext context = new RunContext(time, "bench", io.github.capacity.core.pacing.Fleet.ALONE,
        CatchUp.SPREAD, 2, 128, null,
        new io.github.capacity.core.guard.Guardrails(java.util.Map.of(), null, time, "bench"),
        java.time.Duration.ofSeconds(1).toNanos());
    TestLine line = new TestLine("bench.conf", 1, "bench", "nginx", TestLine.MAX_FREQUENCY, "file");
    run = new TestRun(context, line, new InstantTest(), new NullSink(), new RunTotals("bench"));
    minuteMillis = Math.floorDiv(time.wallMillis(), 60_000L) * 60_000L;
    windowStart = context.nanosAt(minuteMillis);
    run.startWindow(windowStart, WINDOW_NANOS, minuteMillis, windowStart);
    schedule = new Schedule(windowStart, WINDOW_NANOS, 120_000, 1234, windowStart + 250_000_000L, 0,
        CatchUp.SPREAD, 1.2);
  }

  /** Plans and starts one execution, which completes and emits its result. */
  @Benchmark
  public void planAndDispatch() {
    long due = run.nextDueNanos();
    if (due == Long.MAX_VALUE) {
      windowStart += WINDOW_NANOS;
      minuteMillis += 60_000L;
      run.startWindow(windowStart, WINDOW_NANOS, minuteMillis, windowStart);
      due = run.nextDueNanos();
    }
    run.startDue(due);
  }

  /** Only the arithmetic of one planned start during a catch-up. */
  @Benchmark
  public void planOnly(Blackhole bh) {
    bh.consume(schedule.dueNanos(index));
    index = index + 1 == 120_000 ? 0 : index + 1;
  }
}
