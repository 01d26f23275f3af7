package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Result;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.TestLine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A plugin whose calls block where they must not holds nobody but itself: the test beside it
 * keeps every start of its minute on time, and the offender is disabled, named with its jar and
 * how long it blocked. The plugins come from a class loader of their own ({@link PluginJar}), as
 * from {@code plugins.dir}; the time is fake, so "on time" is exact.
 */
// Without the guard the scheduler waits on the plugin: fail, rather than wait with it.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginThatBlocksTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String JAR = PluginCalls.jarOf(HangingPlugin.class);

  private final FakeTimeSource time = FakeTimeSource.atSecond(0);
  private final FakeTestType good = new FakeTestType(time);
  private final RecordingDestination rec = new RecordingDestination("rec");
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger hangingStarts = new AtomicInteger();

  @AfterEach
  void releaseTheStuckPlugin() {
    release.countDown();
  }

  private RunSummary runBesideGood(TestType bad) {
    TestLine goodLine = new TestLine("conf.d/a.conf", 1, "good", "ping", 60, "rec");
    TestLine badLine = new TestLine("conf.d/a.conf", 2, "bad", "bad", 60, "rec");
    try (CapacityEngine engine = CapacityEngine.builder()
        .host("web-1")
        .timeSource(time)
        .testType(good)
        .testType(bad)
        .destinationType(rec)
        .tests(Map.of("ping", new Definition("tests.json", "ping", "fake", Map.of()),
            "bad", new Definition("tests.json", "bad", bad.name(), Map.of())), p -> 3)
        .configSource(ConfigSource.of(List.of(goodLine, badLine)))
        .build()) {
      return engine.runMinute();
    }
  }

  private void assertGoodTestStartedEveryExecutionOnTime(RunSummary summary) {
    MinuteAccount minute = summary.accounts().stream().filter(a -> a.testName().equals("good"))
        .findFirst().orElseThrow();
    assertThat(minute.planned()).isEqualTo(60);
    assertThat(minute.started()).isEqualTo(60);
    assertThat(minute.ok()).isEqualTo(60);
    List<Long> starts = good.startNanos("good");
    assertThat(starts).containsExactlyElementsOf(
        LongStream.range(0, 60).mapToObj(i -> starts.get(0) + i * SECOND).toList());
    assertThat(rec.results("good")).extracting(Result::startLagNanos).containsOnly(0L);
  }

  @Test
  void aPluginStartThatNeverReturnsIsDisabledNamedWithHowLongAndTheOtherTestNeverWaits() {
    TestType hanging = PluginJar.load(TestType.class, HangingPlugin.class,
        new Class<?>[] {CountDownLatch.class, AtomicInteger.class}, release, hangingStarts);

    RunSummary summary = runBesideGood(hanging);

    assertGoodTestStartedEveryExecutionOnTime(summary);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).isEqualTo(
        "conf.d/a.conf:2: test bad disabled for the rest of the run, the other tests go on: "
            + HangingPlugin.HangingTest.class.getName() + " (in " + JAR + ") start() blocked for"
            + " 1001 ms, more than the 1000 ms limit; it must hand the work off and return; its"
            + " thread capacity-start-bad is left behind");
    // The start stuck in the plugin and the one handed over behind it end as cancelled, once each.
    MinuteAccount bad = summary.accounts().stream().filter(a -> a.testName().equals("bad"))
        .findFirst().orElseThrow();
    assertThat(bad.planned()).isEqualTo(2);
    assertThat(bad.started()).isEqualTo(2);
    assertThat(bad.cancelled()).isEqualTo(2);
    assertThat(bad.completed()).isEqualTo(2);
    assertThat(rec.results("bad")).hasSize(2);
    // Whether its thread got to the first start before the fake minute ended is up to the OS.
    assertThat(hangingStarts.get()).as("starts that reached the plugin").isLessThanOrEqualTo(1);
  }

  @Test
  void aPluginSinkWhoseAccountNeverReturnsIsDisabledNamedWithHowLongAndNoTestWaits() {
    AtomicInteger stuckRecords = new AtomicInteger();
    AtomicInteger stuckAccounts = new AtomicInteger();
    MetricsDestination stuck = PluginJar.load(MetricsDestination.class, StuckDestination.class,
        new Class<?>[] {CountDownLatch.class, AtomicInteger.class, AtomicInteger.class}, release,
        stuckRecords, stuckAccounts);
    // A real clock never runs ahead of the sink's thread; the fake one would, in microseconds,
    // and the thread would seem to block. So each second waits until the thread has what it was
    // given, or is stuck in account().
    for (int second = 0; second < 120; second++) {
      time.at(time.nanoTime() + second * SECOND + SECOND / 2, () -> awaitCaughtUp(
          () -> stuckRecords.get() >= good.startNanos("measured").size() || stuckAccounts.get() > 0));
    }
    TestLine goodLine = new TestLine("conf.d/a.conf", 1, "good", "ping", 60, "rec");
    TestLine measuredLine = new TestLine("conf.d/a.conf", 2, "measured", "ping", 60, "stuck");

    RunSummary summary;
    try (CapacityEngine engine = CapacityEngine.builder()
        .host("web-1")
        .timeSource(time)
        .testType(good)
        .destinationType(rec)
        .destinationType(stuck)
        .tests(Map.of("ping", new Definition("tests.json", "ping", "fake", Map.of())), p -> 3)
        .configSource(ConfigSource.of(List.of(goodLine, measuredLine)))
        .build()) {
      // Two minutes: the first minute's accounts go out at its end, the second must not wait.
      summary = engine.runUntil(time.wallMillis() + 120_000);
    }

    assertThat(summary.accounts()).filteredOn(a -> a.testName().equals("good"))
        .extracting(MinuteAccount::started).containsExactly(60L, 60L);
    assertThat(summary.accounts()).filteredOn(a -> a.testName().equals("measured"))
        .extracting(MinuteAccount::started).containsExactly(60L, 60L);
    List<Long> starts = good.startNanos("good");
    assertThat(starts).containsExactlyElementsOf(
        LongStream.range(0, 120).mapToObj(i -> starts.get(0) + i * SECOND).toList());
    assertThat(rec.results("good")).extracting(Result::startLagNanos).containsOnly(0L);
    assertThat(summary.problems()).singleElement().extracting(ConfigError::toString).isEqualTo(
        "built-in: destination \"stuck\" disabled for the rest of the run, its results dropped: "
            + StuckDestination.StuckSink.class.getName() + " (in " + JAR + ") account() blocked for"
            + " 1586 ms, more than the 1000 ms a call that must not block may take; its thread"
            + " capacity-sink-stuck is left behind");
  }

  /** Waits, in real time, for a plugin's thread; no fake time passes meanwhile. */
  private static void awaitCaughtUp(java.util.function.BooleanSupplier caughtUp) {
    long giveUp = System.nanoTime() + 5 * SECOND;
    while (!caughtUp.getAsBoolean()) {
      assertThat(System.nanoTime()).as("the sink's thread catching up").isLessThan(giveUp);
      Thread.onSpinWait();
    }
  }
}
