package io.github.capacity.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.metrics.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a real carbon-cache stopped for 90 s in the middle of a run at 300 executions a
 * second, then started again, holds every interval's datapoints: those of the outage came from
 * the spool. Real time throughout (whisper keeps what is recent), about two and a half minutes.
 */
class CarbonOutageTest {
  private static final long PER_SECOND = 300;
  private static final long INTERVAL_MILLIS = 10_000;

  @TempDir Path tempDir;

  @Test
  void everyIntervalOfANinetySecondOutageReachesWhisper() throws Exception {
    try (Carbon carbon = new Carbon(Files.createDirectories(tempDir.resolve("carbon")))) {
      MetricsSink sink = new GraphiteDestination().open(
          new Definition("destinations.json", "carbon", "graphite", Map.of("port", carbon.port())),
          new DestinationContext("web1", tempDir, TimeSource.system(), tempDir.resolve("spool"), 64L << 20));
      Map<Long, long[]> expected = new TreeMap<>(); // interval start -> {count, timeouts}
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load = new Thread(() -> generate(sink, expected, running), "load");
      load.start();
      try {
        sleepUntilMiddleOfInterval(20_000);
        carbon.stop();
        long stoppedAt = System.currentTimeMillis();
        Await.until("something spooled", Duration.ofSeconds(30), () -> sink.health().spooled() > 0);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(90_000 - (System.currentTimeMillis() - stoppedAt)));
        assertThat(sink.health().failing()).isTrue();
        carbon.start();
        // The back-off has reached 30 s by now: the next attempt comes within that, then replays.
        Await.until("the spool replayed", Duration.ofSeconds(90), () -> {
          MetricsSink.Health health = sink.health();
          return !health.failing() && health.replayed() == health.spooled();
        });
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
      } finally {
        running.set(false);
        load.join();
      }
      assertThat(sink.flush(Duration.ofSeconds(10))).isTrue();
      sink.close(Duration.ofSeconds(5));
      MetricsSink.Health health = sink.health();
      assertThat(health.dropped()).isZero();
      assertThat(health.spoolDropped()).isZero();
      assertThat(health.replayed()).isEqualTo(health.spooled()).isPositive();

      synchronized (expected) {
        assertThat(expected).hasSizeGreaterThanOrEqualTo(12);
        for (Map.Entry<Long, long[]> interval : expected.entrySet()) {
          long seconds = interval.getKey() / 1000;
          assertThat(carbon.await("capacity.web1.outage.count", seconds)).as("count at " + seconds)
              .isEqualTo(interval.getValue()[0]);
          assertThat(carbon.await("capacity.web1.outage.errors.timeout", seconds)).as("timeouts at " + seconds)
              .isEqualTo(interval.getValue()[1]);
        }
      }
    }
  }

  /** Records {@code PER_SECOND} results a second, each ending now, until told to stop. */
  private static void generate(MetricsSink sink, Map<Long, long[]> expected, AtomicBoolean running) {
    long gapNanos = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;
    long next = System.nanoTime();
    for (long i = 0; running.get(); i++) {
      long nowNanos = System.currentTimeMillis() * 1_000_000L;
      Outcome outcome = i % 10 == 0 ? Outcome.failed(ErrorClass.TIMEOUT, "t") : Outcome.ok(200, 100);
      Result result = new Result("outage", "homepage", "web1", nowNanos - 2_000_000, nowNanos - 1_000_000,
          nowNanos, outcome);
      synchronized (expected) {
        long[] figures = expected.computeIfAbsent(Math.floorDiv(nowNanos / 1_000_000L, INTERVAL_MILLIS)
            * INTERVAL_MILLIS, start -> new long[2]);
        figures[0]++;
        figures[1] += outcome.ok() ? 0 : 1;
      }
      sink.record(result);
      next += gapNanos;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  /** Waits at least {@code millis}, then to the middle of an interval: far from any batch. */
  private static void sleepUntilMiddleOfInterval(long millis) {
    long wake = System.currentTimeMillis() + millis;
    wake += Math.floorMod(INTERVAL_MILLIS / 2 - wake, INTERVAL_MILLIS);
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wake - System.currentTimeMillis()));
  }
}
