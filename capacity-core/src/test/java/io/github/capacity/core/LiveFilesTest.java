package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.Execution;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.config.FileConfigSource;
import io.github.capacity.core.watch.FileWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine steered by real files on the real clock, as the cron job is: removing a line stops
 * its test, and the stop file stops everything and cancels what is in flight, each within 200 ms.
 */
class LiveFilesTest {
  private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  @TempDir Path dir;
  private final HangingTestType hanging = new HangingTestType();
  private final RecordingDestination rec = new RecordingDestination("rec");
  private FileWatcher watcher;
  private CapacityEngine engine;

  /** Executions that never end by themselves; records when each started and was cancelled. */
  static final class HangingTestType implements TestType {
    final Map<String, ConcurrentLinkedQueue<Long>> starts = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> lastCancelNanos = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "hanging";
    }

    @Override
    public PreparedTest prepare(Definition definition, TestContext context) {
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          starts.computeIfAbsent(testName, n -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
          return () -> {
            lastCancelNanos.computeIfAbsent(testName, n -> new AtomicLong()).set(System.nanoTime());
            whenDone.accept(Outcome.cancelled());
          };
        }

        @Override
        public void close() {}
      };
    }

    int started(String testName) {
      return starts.getOrDefault(testName, new ConcurrentLinkedQueue<>()).size();
    }

    long lastStart(String testName) {
      return starts.get(testName).stream().mapToLong(Long::longValue).max().orElseThrow();
    }
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.stop();
      engine.close();
    }
    if (watcher != null) {
      watcher.close();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Test
  void aRemovedLineStopsItsTestAndTheStopFileStopsEverythingEachWithin200ms() throws Exception {
    Path confDir = dir.resolve("conf.d");
    Files.createDirectories(confDir);
    Path stopFile = dir.resolve("stop");
    Files.writeString(confDir.resolve("shop.conf"), "shop|hang|6000|rec\n");
    Files.writeString(confDir.resolve("cart.conf"), "cart|hang|6000|rec\n");
    engine = CapacityEngine.builder()
        .host("live-test")
        .timeSource(TimeSource.system())
        .testType(hanging)
        .destinationType(rec)
        .defaultDestination("rec")
        .tests(Map.of("hang", new Definition("tests.json", "hang", "hanging", Map.of())), p -> 0)
        .configSource(new FileConfigSource(confDir))
        .maxInFlight(10_000)
        .build();
    watcher = new FileWatcher(confDir, stopFile, new FileWatcher.Listener() {
      @Override
      public void configChanged() {
        engine.configChanged();
      }

      @Override
      public void stopFileAppeared() {
        engine.stop();
      }
    });
    watcher.start();
    AtomicLong returnedNanos = new AtomicLong();
    CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
      RunSummary summary = engine.runUntil(System.currentTimeMillis() + 60_000);
      returnedNanos.set(System.nanoTime());
      return summary;
    });

    await(() -> hanging.started("shop") >= 20 && hanging.started("cart") >= 20, "both tests running");
    Files.delete(confDir.resolve("shop.conf"));
    long removedNanos = System.nanoTime();
    await(() -> hanging.lastCancelNanos.containsKey("shop"), "shop's executions cancelled");
    int cartBefore = hanging.started("cart");
    await(() -> hanging.started("cart") >= cartBefore + 40, "cart running on for 0.4 s");

    assertThat(hanging.lastCancelNanos.get("shop").get() - removedNanos).isLessThan(LIMIT_NANOS);
    assertThat(hanging.lastStart("shop") - removedNanos).isLessThan(LIMIT_NANOS);

    Files.writeString(stopFile, "");
    long stopNanos = System.nanoTime();
    RunSummary summary = run.get(10, TimeUnit.SECONDS);

    assertThat(summary.stopped()).isTrue();
    assertThat(returnedNanos.get() - stopNanos).as("run returned after the stop file, ns").isLessThan(LIMIT_NANOS);
    assertThat(hanging.lastCancelNanos.get("cart").get() - stopNanos).isLessThan(LIMIT_NANOS);
    List<MinuteAccount> accounts = summary.accounts();
    assertThat(accounts).allSatisfy(a -> assertThat(a.cancelled()).isEqualTo(a.started()));
    assertThat(accounts.stream().mapToLong(MinuteAccount::started).sum()).isGreaterThanOrEqualTo(80);
  }
}
