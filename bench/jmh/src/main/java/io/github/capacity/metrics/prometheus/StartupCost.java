package io.github.capacity.metrics.prometheus;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.TimeSource;
import io.github.capacity.metrics.graphite.GraphiteDestination;
import io.github.capacity.metrics.graphite.GraphiteStartupBenchmark;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the {@code prometheus} destination adds to a run's start-up, in one fresh JVM: opening a
 * graphite sink, then a prometheus sink (what the engine does before the first execution), then
 * graphite's first payload (which loads what both share: the aggregator, HdrHistogram), then
 * prometheus' first payload (the sender thread's work at the first interval's end: protobuf-lite,
 * the generated classes, Snappy). Prints the wall and CPU milliseconds and the classes loaded of
 * each; the prometheus lines are the module's own cost. Run by {@code bench/spool-startup} in
 * several JVMs.
 */
public final class StartupCost {
  private StartupCost() {}

  public static void main(String[] args) throws Exception {
    DestinationContext context = new DestinationContext("web1", Path.of("/tmp"), TimeSource.system());
    step("graphite_open", () -> new GraphiteDestination().open(
        new Definition("destinations.json", "graphite", "graphite", Map.of("port", 9)), context).close());
    step("prometheus_open", () -> new PrometheusDestination().open(
        new Definition("destinations.json", "prom", "prometheus", Map.of()), context).close());
    step("graphite_first_payload", () -> new GraphiteStartupBenchmark().firstPayload());
    step("prometheus_first_payload", () -> new PrometheusStartupBenchmark().firstPayload());
  }

  /** Something measured once, cold. */
  interface Step {
    void run() throws Exception;
  }

  private static void step(String what, Step step) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    long classesBefore = classes.getTotalLoadedClassCount();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    step.run();
    print(what, wall, cpu, classesBefore, threads, classes);
  }

  private static void print(String what, long wall, long cpu, long classesBefore, ThreadMXBean threads,
      ClassLoadingMXBean classes) {
    System.out.printf("%s wall_ms=%.2f cpu_ms=%.2f classes=%d%n", what, (System.nanoTime() - wall) / 1e6,
        (threads.getCurrentThreadCpuTime() - cpu) / 1e6, classes.getTotalLoadedClassCount() - classesBefore);
  }
}
