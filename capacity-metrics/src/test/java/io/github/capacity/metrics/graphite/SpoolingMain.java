package io.github.capacity.metrics.graphite;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import io.github.capacity.api.testing.FakeTimeSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A process that spools without end: a graphite destination on a closed port, a fake clock that
 * moves an interval ahead every millisecond. Prints {@code spooling} once records are on disk;
 * {@link GraphiteSpoolKillTest} kills it with SIGKILL. Arguments: spool folder, port.
 */
public final class SpoolingMain {
  private SpoolingMain() {}

  public static void main(String[] args) throws Exception {
    FakeTimeSource time = new FakeTimeSource(1_767_225_600_000L);
    MetricsSink sink = new GraphiteDestination().open(
        new Definition("destinations.json", "carbon", "graphite", Map.of("port", Integer.parseInt(args[1]))),
        new DestinationContext("web1", Path.of(args[0]), time, Path.of(args[0]), 256L << 20));
    boolean told = false;
    for (long i = 0; ; i++) {
      long end = time.wallMillis() * 1_000_000L;
      for (int test = 0; test < 20; test++) {
        sink.record(new Result("shop.t" + test, "homepage", "web1", end - 2_000_000, end - 1_000_000, end,
            Outcome.ok(200, 10)));
      }
      time.advanceMillis(10_000);
      if (!told && sink.health().spooled() > 20_000) {
        System.out.println("spooling");
        System.out.flush();
        told = true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
