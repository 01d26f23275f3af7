package io.github.capacity.metrics.file;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.TimeSource;
import io.github.capacity.metrics.internal.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Appends results to the file destination in {@code args[0]} for {@code args[2]} seconds as
 * writer {@code args[1]}, then prints {@code <recorded> <dropped>}. Run in a second JVM by {@link
 * TwoProcessAppendTest}, and in the test's own JVM alongside.
 */
public final class AppendMain {
  /** The pace of each writer: 20,000 results a second, about 7 MB/s, for a bounded file. */
  private static final long NANOS_PER_RECORD = 50_000;

  private AppendMain() {}

  public static void main(String[] args) throws Exception {
    long[] counts = append(Path.of(args[0]), args[1], Long.parseLong(args[2]));
    System.out.println(counts[0] + " " + counts[1]);
  }

  /**
   * Returns {recorded, dropped}. Each round records 1 (most often), 7 or 150 results of about 330 bytes and
   * flushes, so appends range from one line to whole 64 KB batches, far above PIPE_BUF.
   */
  static long[] append(Path folder, String writer, long seconds) throws Exception {
    MetricsSink sink = new FileDestination().open(
        new Definition("destinations.json", "file", "file", Map.of("folder", folder.toString(), "buffer", 2_000)),
        new DestinationContext("web1", folder, TimeSource.system()));
    String detail = writer.repeat(100 / writer.length());
    int[] batches = {1, 1, 1, 1, 1, 1, 1, 1, 7, 150};
    TimeSource time = TimeSource.system();
    long start = time.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long recorded = 0;
    for (int round = 0; time.nanoTime() - end < 0; round++) {
      for (int i = 0; i < batches[round % batches.length]; i++, recorded++) {
        sink.record(Fixtures.result(writer, recorded, 0, 1_000, Outcome.failed(ErrorClass.IO, 0, 0, detail)));
      }
      sink.flush(Duration.ofSeconds(5));
      // Paced like the engine: the next round is due when the plan says, not as fast as possible.
      time.sleepNanos(start + recorded * NANOS_PER_RECORD - time.nanoTime());
    }
    sink.close(Duration.ofSeconds(10));
    return new long[] {recorded, sink.health().dropped()};
  }
}
