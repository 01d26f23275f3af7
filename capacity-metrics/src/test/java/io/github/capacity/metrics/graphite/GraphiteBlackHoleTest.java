package io.github.capacity.metrics.graphite;

import static io.github.capacity.metrics.internal.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.metrics.internal.Await;
import io.github.capacity.sink.BufferedSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Graphite that accepts and never reads: the sender ends up stuck in a write. */
class GraphiteBlackHoleTest {
  private static final int BUFFER = 1_000;

  @TempDir Path tempDir;
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);

  private BufferedSink open(int port, String writeTimeout) throws Exception {
    return (BufferedSink) new GraphiteDestination().open(
        new Definition("destinations.json", "graphite", "graphite",
            Map.of("port", port, "buffer", BUFFER, "write_timeout", writeTimeout)),
        new DestinationContext("web1", tempDir, time));
  }

  /** Interval after interval of a thousand tests (1.4 MB each), until a write blocks for good. */
  private void fillUntilStuck(BufferedSink sink) {
    for (int round = 0; round < 60; round++) {
      if (round >= 3 && Await.holdsFor(Duration.ofMillis(300), sink::delivering)) {
        return;
      }
      long startMicros = round * 10_000_000L;
      for (int test = 0; test < 1_000; test++) {
        sink.record(result("test" + test, startMicros + test, 10, 1_000 + test, Outcome.ok(200, 0)));
      }
      time.advanceMillis(10_000);
      Await.until("the sender to take the round", Duration.ofSeconds(10),
          () -> sink.buffered() == 0 || sink.delivering());
    }
    throw new AssertionError("the sender never got stuck in a write");
  }

  @Test
  void acceptsAHundredThousandResultsWithoutBlockingAndCountsTheDrops() throws Exception {
    try (BlackHole hole = new BlackHole()) {
      BufferedSink sink = open(hole.port(), "60m");
      fillUntilStuck(sink);
      long droppedBefore = sink.health().dropped();

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        for (int i = 0; i < 100_000; i++) {
          sink.record(result("late", 500_000_000L + i, 10, 1_000, Outcome.ok(200, 0)));
        }
      });

      assertThat(sink.delivering()).as("still stuck in the write").isTrue();
      assertThat(sink.buffered()).isLessThanOrEqualTo(BUFFER);
      assertThat(sink.health().dropped() - droppedBefore).isGreaterThanOrEqualTo(100_000 - BUFFER);
      assertThat(sink.health().failing()).as("not failing before the write timeout").isFalse();

      time.advanceMillis(3_600_001);
      assertThat(sink.health().failing()).as("failing once the write is blocked too long").isTrue();
      assertThat(sink.health().lastError()).startsWith("tcp://127.0.0.1:" + hole.port() + ": ");

      long before = System.nanoTime();
      sink.close(Duration.ofMillis(500));
      assertThat((System.nanoTime() - before) / 1_000_000).as("close took, ms").isLessThan(2_000);
    }
  }

  @Test
  void flushGivesUpAtItsDeadlineOnASlowReaderAndSucceedsOnceItCatchesUp() throws Exception {
    try (BlackHole hole = new BlackHole()) {
      BufferedSink sink = open(hole.port(), "60m");
      fillUntilStuck(sink);

      long before = System.nanoTime();
      assertThat(sink.flush(Duration.ofMillis(300))).isFalse();
      assertThat((System.nanoTime() - before) / 1_000_000).as("flush took, ms").isLessThan(2_000);

      hole.startReading();
      assertThat(sink.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(sink.health().failing()).isFalse();
      sink.close(Duration.ofSeconds(2));
    }
  }
}
