package io.github.capacity.metrics.file;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.metrics.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Appends results to the file destination in {@code args[0]} for {@code args[2]} seconds as
 * writer {@code args[1]}, then prints {@code <recorded> <dropped>}. Run in a second JVM by {@link
 * TwoProcessAppendTest}, and in the test's own JVM alongside.
 */
public final class AppendMain {
  private AppendMain() {}

  public static void main(String[] args) throws Exception {
    long[] counts = append(Path.of(args[0]), args[1], Long.parseLong(args[2]));
    System.out.println(counts[0] + " " + counts[1]);
  }

  /** Returns {recorded, dropped}. Lines are long (about 1.5 KB) so that appends are large. */
  static long[] append(Path folder, String writer, long seconds) throws Exception {
    MetricsSink sink = new FileDestination().open(
        new Definition("destinations.json", "file", "file", Map.of("folder", folder.toString(), "buffer", 2_000)),
        new DestinationContext("web1", folder, TimeSource.system()));
    String detail = writer.repeat(1_200 / writer.length());
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long recorded = 0;
    while (System.nanoTime() - end < 0 && recorded < 40_000) {
      for (int i = 0; i < 200; i++, recorded++) {
        Result result = Fixtures.result(writer, recorded, 0, 1_000, Outcome.failed(
            io.github.capacity.api.ErrorClass.IO, 0, 0, detail));
        sink.record(result);
      }
      sink.flush(Duration.ofSeconds(5));
    }
    sink.close(Duration.ofSeconds(10));
    return new long[] {recorded, sink.health().dropped()};
  }
}
