package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.pacing.CatchUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine end to end on a fake clock: every test here runs in milliseconds. */
class CapacityEngineTest {
  private static final long SECOND = 1_000_000_000L;

  private FakeTimeSource time = FakeTimeSource.atSecond(0);
  private FakeTestType fake = new FakeTestType(time);
  private final RecordingDestination rec = new RecordingDestination("rec");
  private final SettableSource source = new SettableSource();
  private final Map<String, Definition> tests = new LinkedHashMap<>();
  /** The monotonic reading at the start of the minute the test starts in. */
  private long minuteStart;

  /** A config source the test changes mid-run. */
  static final class SettableSource implements ConfigSource {
    private volatile Snapshot snapshot = new Snapshot(List.of(), List.of());

    void set(TestLine... lines) {
      snapshot = new Snapshot(List.of(lines), List.of());
    }

    void set(List<TestLine> lines, List<ConfigError> errors) {
      snapshot = new Snapshot(lines, errors);
    }

    @Override
    public Snapshot read() {
      return snapshot;
    }
  }

  private void startAt(double secondOfMinute) {
    time = FakeTimeSource.atSecond(secondOfMinute);
    fake = new FakeTestType(time);
  }

  private CapacityEngine engine(Consumer<CapacityEngine.Builder> tweaks) {
    minuteStart = time.nanoTime() - Math.floorMod(time.wallMillis(), 60_000L) * 1_000_000L;
    test("ping", Map.of());
    CapacityEngine.Builder builder = CapacityEngine.builder()
        .host("web-1")
        .timeSource(time)
        .testType(fake)
        .destinationType(rec)
        .defaultDestination("rec")
        .tests(tests, path -> path.startsWith("broken") ? 7 : 0)
        .configSource(source);
    tweaks.accept(builder);
    return builder.build();
  }

  private CapacityEngine engine() {
    return engine(b -> {});
  }

  private void test(String name, Map<String, Object> settings) {
    tests.putIfAbsent(name, new Definition("tests.json", name, "fake", settings));
  }

  private static TestLine line(int number, String name, String type, int frequency) {
    return new TestLine("conf.d/a.conf", number, name, type, frequency, "rec");
  }

  private static void assertEvenlySpaced(List<Long> starts, long intervalNanos) {
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).as("gap %d", i).isBetween(intervalNanos, intervalNanos + 1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 60, 600, 6000, 60000})
  void aMinuteStartsExactlyTheFrequencyEvenlySpaced(int frequency) {
    source.set(line(1, "shop", "ping", frequency));
    try (CapacityEngine engine = engine()) {
      RunSummary summary = engine.runMinute();

      List<Long> starts = fake.startNanos("shop");
      assertThat(starts).hasSize(frequency);
      assertThat(starts).allSatisfy(t -> assertThat(t).isBetween(minuteStart, minuteStart + 60 * SECOND - 1));
      assertEvenlySpaced(starts, 60 * SECOND / frequency);
      assertThat(summary.accounts()).containsExactly(new MinuteAccount("shop", "web-1",
          time.wallMillis() / 60_000 * 60_000 - (time.wallMillis() % 60_000 == 0 ? 60_000 : 0),
          frequency, frequency, frequency, frequency, 0, 0, 0, 0));
      assertThat(rec.results("shop")).hasSize(frequency).allSatisfy(r -> assertThat(r.outcome().ok()).isTrue());
    }
  }

  @Test
  void prepareReadiesWhatTheLinesNameOnceAndTheRunUsesIt() {
    source.set(line(1, "shop", "ping", 60), line(2, "cart", "ping", 60));
    try (CapacityEngine engine = engine()) {
      engine.prepare();

      assertThat(fake.prepares).isEqualTo(1);
      assertThat(rec.opened).containsExactly("rec");
      assertThat(fake.starts).isEmpty();

      engine.runMinute();

      assertThat(fake.prepares).isEqualTo(1);
      assertThat(rec.opened).containsExactly("rec");
      assertThat(fake.startNanos("shop")).hasSize(60);
      assertThat(fake.startNanos("cart")).hasSize(60);
    }
  }

  @Test
  void twoHostsGetDifferentPhases() {
    source.set(line(1, "shop", "ping", 60));
    List<Long> firstStarts = new ArrayList<>();
    for (String host : List.of("web-1", "web-2")) {
      startAt(0);
      try (CapacityEngine engine = engine(b -> b.host(host))) {
        engine.runMinute();
        firstStarts.add(fake.startNanos("shop").get(0) - minuteStart);
      }
    }
    assertThat(firstStarts.get(0)).isNotEqualTo(firstStarts.get(1));
    assertThat(firstStarts).allSatisfy(phase -> assertThat(phase).isBetween(0L, SECOND - 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 60, 6000})
  void theNextMinuteContinuesAtTheExactRateWithNoGapOrDouble(int frequency) {
    source.set(line(1, "shop", "ping", frequency));
    try (CapacityEngine engine = engine()) {
      RunSummary summary = engine.runUntil(time.wallMillis() + 120_000);

      List<Long> starts = fake.startNanos("shop");
      assertThat(starts).hasSize(2 * frequency);
      assertEvenlySpaced(starts, 60 * SECOND / frequency);
      assertThat(summary.accounts()).extracting(MinuteAccount::started).containsExactly((long) frequency, (long) frequency);
    }
  }

  @Test
  void anExecutionDueBeforeTheWindowEndsStartsWhenTheSchedulerGetsThereJustAfterIt() {
    // Two a minute; the first start holds the scheduler just past the minute's end (jitter),
    // when the second is overdue: it still runs, late, rather than being counted as skipped.
    long phaseMillis = io.github.capacity.core.pacing.Schedule.phaseNanos("web-1", "shop", 30 * SECOND)
        / 1_000_000;
    test("stall", Map.of("start_takes", (60_050 - phaseMillis) + "ms"));
    source.set(line(1, "shop", "stall", 2));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);

      assertThat(account.started()).isEqualTo(2);
      assertThat(account.skipped()).isZero();
      assertThat(fake.startNanos("shop").get(1)).isGreaterThanOrEqualTo(minuteStart + 60 * SECOND);
    }
  }

  @Test
  void aRunStoppedPastItsMinuteStartsNothingOwedWhenItResumes() {
    // The first start holds the scheduler 61 s, as a SIGSTOP would: the second execution, due
    // in the minute that is over, is skipped, not fired into the next minute.
    test("stall", Map.of("start_takes", "61s"));
    source.set(line(1, "shop", "stall", 2));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);

      assertThat(account.started()).isEqualTo(1);
      assertThat(account.skipped()).isEqualTo(1);
      assertThat(fake.startNanos("shop")).hasSize(1);
    }
  }

  @Test
  void spreadStartedAtSecond30RunsSixtyInTheRemainingThirtySeconds() {
    startAt(30);
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(account.started()).isEqualTo(60);
      assertThat(account.skipped()).isZero();
      assertThat(fake.startNanos("shop").get(0)).isEqualTo(minuteStart + 30 * SECOND);
    }
  }

  @Test
  void skipStartedAtSecond30RunsThirty() {
    startAt(30);
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine(b -> b.catchUp(CatchUp.SKIP))) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(account.started()).isEqualTo(30);
      assertThat(account.skipped()).isEqualTo(30);
      assertThat(account.planned()).isEqualTo(60);
    }
  }

  @Test
  void spreadStartedAtSecond45RunsThirtyAndCountsThirtySkipped() {
    startAt(45);
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(account.started()).isEqualTo(30);
      assertThat(account.skipped()).isEqualTo(30);
      assertThat(account.planned()).isEqualTo(60);
    }
  }

  @Test
  void spreadStartedPointFourSecondsLateCatchesUpThenRunsExactlyTwoThousandASecond() {
    startAt(0.4);
    source.set(line(1, "api", "ping", 120_000));
    try (CapacityEngine engine = engine()) {
      assertThat(engine.runMinute().accounts().get(0).started()).isEqualTo(120_000);
    }
    List<Long> starts = fake.startNanos("api");
    assertThat(starts.stream().filter(t -> t < minuteStart + 800_000_000L)).hasSizeBetween(1599, 1601);
    for (int second = 1; second < 60; second++) {
      long from = minuteStart + second * SECOND;
      assertThat(starts.stream().filter(t -> t >= from && t < from + SECOND)).as("second %d", second).hasSize(2000);
    }
  }

  /**
   * A real scheduler wakes a little after each deadline; that must not add up while it catches up
   * at the factor (500/s, a factor of 1.2: the catch-up leaves a sixth of each interval spare).
   */
  @Test
  void wakingAFractionOfAMillisecondLateDuringTheCatchUpDoesNotAddUp() {
    startAt(0.4);
    FakeTimeSource fakeTime = time;
    TimeSource oversleeping = new TimeSource() {
      @Override
      public long wallMillis() {
        return fakeTime.wallMillis();
      }

      @Override
      public long nanoTime() {
        return fakeTime.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        fakeTime.sleepNanos(nanos + 80_000L); // the timer slack and wake-up of a busy host
      }
    };
    source.set(line(1, "api", "ping", 30_000));
    try (CapacityEngine engine = engine(b -> b.catchUpMaxFactor(1.2).timeSource(oversleeping))) {
      assertThat(engine.runMinute().accounts().get(0).started()).isEqualTo(30_000);
    }
    long worstLag = rec.results("api").stream()
        .mapToLong(r -> r.startEpochNanos() - r.plannedEpochNanos()).max().orElseThrow();
    assertThat(worstLag).as("largest start lag, ns").isLessThan(1_000_000L);
  }

  @Test
  void aStallAtTheMinutesEndStillStartsTheWholeCount() {
    source.set(line(1, "api", "ping", 120_000));
    time.at(time.nanoTime() + 60 * SECOND - 20_000_000L, () -> time.advanceNanos(30_000_000L));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(account.started()).isEqualTo(120_000);
      assertThat(account.skipped()).isZero();
    }
  }

  @Test
  void startsOnTimeWhetherOrNotEarlierOnesFinishedAndDropsBeyondMaxInFlight() {
    test("slow", Map.of("latency", "2500ms"));
    source.set(line(1, "shop", "slow", 60));
    try (CapacityEngine engine = engine(b -> b.maxInFlight(2))) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      // Each run lasts 2.5 s and one is due every second: every third finds two still running.
      assertThat(account).extracting(MinuteAccount::planned, MinuteAccount::started,
          MinuteAccount::dropped, MinuteAccount::ok).containsExactly(60L, 40L, 20L, 40L);
      assertThat(rec.results("shop").stream().filter(r -> r.outcome().isDropped())).hasSize(20);
    }
  }

  @Test
  void maxInFlightOfOneNeverRunsTwoAtOnce() {
    test("slow", Map.of("latency", "1500ms"));
    source.set(line(1, "shop", "slow", 60));
    try (CapacityEngine engine = engine(b -> b.maxInFlight(1))) {
      engine.runMinute();
    }
    List<Result> ran = rec.results("shop").stream().filter(r -> !r.outcome().isDropped())
        .sorted((a, b) -> Long.compare(a.startEpochNanos(), b.startEpochNanos())).toList();
    assertThat(ran).hasSize(30);
    for (int i = 1; i < ran.size(); i++) {
      assertThat(ran.get(i).startEpochNanos()).isGreaterThanOrEqualTo(ran.get(i - 1).endEpochNanos());
    }
  }

  @Test
  void latencyIsMeasuredFromThePlannedStart() {
    test("slow", Map.of("latency", "250ms"));
    source.set(line(1, "shop", "slow", 60));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(rec.results("shop")).allSatisfy(r -> {
      assertThat(r.latencyNanos()).isEqualTo(250_000_000L);
      assertThat(r.serviceNanos()).isEqualTo(250_000_000L);
      assertThat(r.startLagNanos()).isZero();
      assertThat(r.host()).isEqualTo("web-1");
      assertThat(r.testType()).isEqualTo("slow");
    });
  }

  @Test
  void atTheEndDrainsWithinTheDrainTimeoutThenCancelsAndFlushes() {
    test("slow", Map.of("latency", "5s"));
    source.set(line(1, "shop", "slow", 60));
    try (CapacityEngine engine = engine(b -> b.drainTimeout(Duration.ofSeconds(2)))) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(time.nanoTime() - minuteStart).as("returned at the minute's end plus the drain")
          .isEqualTo(62 * SECOND);
      // Started at phase+55..phase+59: those started before second 57+ finish by 62, the rest are cancelled.
      assertThat(account.started()).isEqualTo(60);
      assertThat(account.cancelled()).isBetween(2L, 3L);
      assertThat(account.ok() + account.cancelled()).isEqualTo(60);
      assertThat(rec.flushes).isEqualTo(1);
    }
    assertThat(rec.closes).isEqualTo(1);
  }

  @Test
  void theDrainEndsAsSoonAsTheLastExecutionFinishes() {
    test("slow", Map.of("latency", "300ms"));
    source.set(line(1, "shop", "slow", 60));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
      long last = fake.startNanos("shop").get(59);
      assertThat(time.nanoTime()).isEqualTo(Math.max(minuteStart + 60 * SECOND, last + 300_000_000L));
    }
  }

  @Test
  void stopCancelsWhatIsInFlightAndReturnsAtOnce() {
    test("hang", Map.of("hang", true));
    source.set(line(1, "shop", "hang", 60), line(2, "cart", "ping", 60));
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 30 * SECOND, engine::stop);
      RunSummary summary = engine.runMinute();

      assertThat(summary.stopped()).isTrue();
      assertThat(time.nanoTime()).isEqualTo(minuteStart + 30 * SECOND);
      MinuteAccount shop = rec.account("shop");
      assertThat(shop.started()).isEqualTo(30);
      assertThat(shop.cancelled()).isEqualTo(30);
      assertThat(fake.cancels).isEqualTo(30);
      assertThat(rec.account("cart").started()).isEqualTo(30);
    }
  }

  @Test
  void aRemovedLineStopsItsTestAtOnceAndCancelsItsExecutions() {
    test("hang", Map.of("hang", true));
    source.set(line(1, "shop", "hang", 60), line(2, "cart", "ping", 60));
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 30 * SECOND + 1, () -> {
        source.set(line(2, "cart", "ping", 60));
        engine.configChanged();
      });
      RunSummary summary = engine.runMinute();

      assertThat(fake.startNanos("shop")).hasSize(30).allSatisfy(t -> assertThat(t).isLessThan(minuteStart + 30 * SECOND + 1));
      assertThat(rec.account("shop").cancelled()).isEqualTo(30);
      assertThat(fake.startNanos("cart")).hasSize(60);
      assertThat(summary.stopped()).isFalse();
    }
  }

  @Test
  void aLineAddedMidMinuteStartsAtOnceAndCatchesUp() {
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 20 * SECOND, () -> {
        source.set(line(1, "shop", "ping", 60));
        engine.configChanged();
      });
      MinuteAccount account = engine.runMinute().accounts().get(0);

      assertThat(fake.startNanos("shop").get(0)).isEqualTo(minuteStart + 20 * SECOND);
      assertThat(account.started()).isEqualTo(60);
    }
  }

  @Test
  void aFrequencyRaisedMidMinuteOwesTheNewPlanAndCatchesUp() {
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 30 * SECOND, () -> {
        source.set(line(1, "shop", "ping", 120));
        engine.configChanged();
      });
      assertThat(engine.runMinute().accounts().get(0).started()).isEqualTo(120);
    }
  }

  @Test
  void theTestHearsEachRateBeforeTheExecutionsAtThatRate() {
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 30 * SECOND, () -> {
        source.set(line(1, "shop", "ping", 120));
        engine.configChanged();
      });
      engine.runMinute();
    }

    // {rate, starts so far}: 60 a minute before any start, 120 after the first half's 30.
    assertThat(fake.expectedRates).containsExactly(new long[] {60, 0}, new long[] {120, 30});
  }

  @Test
  void aFrequencyLoweredMidMinuteRunsTheNewRateForTheRestOfTheMinute() {
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      time.at(minuteStart + 30 * SECOND, () -> {
        source.set(line(1, "shop", "ping", 6));
        engine.configChanged();
      });
      engine.runMinute();
      List<Long> starts = fake.startNanos("shop");
      assertThat(starts).hasSize(33);
      assertThat(starts.subList(30, 33)).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(minuteStart + 30 * SECOND));
      assertEvenlySpaced(starts.subList(30, 33), 10 * SECOND);
    }
  }

  @Test
  void anUndefinedTestIsReportedToItsDestinationAndTheOtherLinesRun() {
    source.set(line(1, "shop", "ping", 60), line(2, "ghost", "nope", 60));
    try (CapacityEngine engine = engine()) {
      RunSummary summary = engine.runMinute();

      assertThat(summary.problems()).extracting(ConfigError::toString).containsExactly(
          "conf.d/a.conf:2: test_type \"nope\" is not defined in the tests file, expected one of: ping");
      assertThat(rec.problems).singleElement().satisfies(p -> {
        assertThat(p.testName()).isEqualTo("ghost");
        assertThat(p.kind()).isEqualTo(ErrorClass.UNKNOWN_TEST_TYPE);
      });
      assertThat(fake.startNanos("shop")).hasSize(60);
    }
  }

  @Test
  void anInvalidDefinitionIsReportedWithItsFileAndLine() {
    test("broken", Map.of("latency", "soon"));
    source.set(line(1, "shop", "broken", 60));
    try (CapacityEngine engine = engine()) {
      assertThat(engine.runMinute().problems()).extracting(ConfigError::toString).containsExactly(
          "tests.json:7: broken.latency: is \"soon\", expected a positive duration such as \"250ms\", \"5s\" or \"1m\"");
    }
    assertThat(fake.starts).isEmpty();
  }

  @Test
  void anUnknownDestinationFallsBackToTheDefault() {
    source.set(new TestLine("conf.d/a.conf", 1, "shop", "ping", 60, "nowhere"));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(rec.results("shop")).hasSize(60);
    assertThat(rec.opened).containsExactly("rec");
  }

  @Test
  void refusedLinesAreReportedAndTheValidOnesRun() {
    source.set(List.of(line(1, "shop", "ping", 60)),
        List.of(new ConfigError("conf.d/a.conf", 2, "test_frequency \"abc\" is not a number")));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(fake.startNanos("shop")).hasSize(60);
  }

  @Test
  void withMetricsRequiredATestWhoseDestinationFailsTooLongStops() {
    rec.health = new MetricsSink.Health(0, time.wallMillis(), "127.0.0.1:2003: connection refused");
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine(b -> b.metricsRequired(true, Duration.ofSeconds(5)))) {
      engine.runMinute();
    }
    assertThat(fake.startNanos("shop")).hasSizeBetween(5, 7);
  }

  @Test
  void withoutMetricsRequiredTestingGoesOnWhenTheDestinationFails() {
    rec.health = new MetricsSink.Health(0, time.wallMillis(), "127.0.0.1:2003: connection refused");
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(fake.startNanos("shop")).hasSize(60);
  }

  @Test
  void theMinuteAccountCarriesWhatItsDestinationDroppedSpooledAndReplayed() {
    rec.health = new MetricsSink.Health(2, -1, null, 300, 120, 7);
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(rec.account("shop").delivery()).isEqualTo(new MinuteAccount.Delivery(2, 300, 120, 7));
  }

  @Test
  void stalledDestinationsAreFlushedSideBySideWithinOneBudget() {
    rec.stallFlush = true; // a metrics server that never takes the last results
    source.set(line(1, "a", "ping", 60), new TestLine("conf.d/a.conf", 2, "b", "ping", 60, "rec2"));
    long before = System.nanoTime();
    try (CapacityEngine engine = engine(b -> b.destinations(Map.of(
        "rec2", new Definition("destinations.json", "rec2", "rec", Map.of())), p -> 0))) {
      engine.runMinute();
    }
    long tookMillis = (System.nanoTime() - before) / 1_000_000;
    assertThat(rec.opened).containsExactlyInAnyOrder("rec", "rec2");
    assertThat(tookMillis).as("two stalled flushes of 2 s each, side by side, ms").isBetween(2_000L, 3_900L);
    assertThat(rec.results).hasSize(120);
  }

  @Test
  void aTestThatThrowsIsCountedAsFailedWithInternalAndPacingGoesOn() {
    test("buggy", Map.of("throw", true));
    source.set(line(1, "shop", "buggy", 60));
    try (CapacityEngine engine = engine()) {
      MinuteAccount account = engine.runMinute().accounts().get(0);
      assertThat(account.started()).isEqualTo(60);
      assertThat(account.failed()).isEqualTo(60);
    }
    assertThat(rec.results("shop")).allSatisfy(r -> assertThat(r.outcome().errorClass()).isEqualTo(ErrorClass.INTERNAL));
  }

  @Test
  void theSchedulerSleepsUntilEachStartInsteadOfSpinning() {
    source.set(line(1, "shop", "ping", 60));
    try (CapacityEngine engine = engine()) {
      engine.runMinute();
    }
    assertThat(time.sleeps()).hasSizeLessThanOrEqualTo(62);
  }

  @Test
  void anIdleRunWithNoConfigurationWaitsForTheMinutesEnd() {
    try (CapacityEngine engine = engine()) {
      RunSummary summary = engine.runMinute();
      assertThat(summary.accounts()).isEmpty();
      assertThat(time.nanoTime()).isEqualTo(minuteStart + 60 * SECOND);
      assertThat(time.sleeps()).hasSize(1);
    }
  }

  @Test
  void validateFindsWithTheRunsOwnWordsWhatTheRunWouldReport() {
    test("broken", Map.of("latency", "soon"));
    source.set(List.of(line(1, "shop", "broken", 60), line(2, "cart", "nope", 60),
        new TestLine("conf.d/a.conf", 3, "misc", "ping", 60, "nowhere")),
        List.of(new ConfigError("conf.d/a.conf", 4, "test_frequency \"abc\" is not a number")));
    Validation validation;
    try (CapacityEngine engine = engine()) {
      validation = engine.validate();
    }
    RunSummary summary;
    try (CapacityEngine engine = engine()) {
      summary = engine.runUntil(time.wallMillis() + 1_000);
    }

    assertThat(validation.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
        "tests.json:7: broken.latency: is \"soon\", expected a positive duration such as \"250ms\", \"5s\" or \"1m\"",
        "conf.d/a.conf:2: test_type \"nope\" is not defined in the tests file, expected one of: broken, ping",
        "conf.d/a.conf:4: test_frequency \"abc\" is not a number");
    assertThat(summary.problems()).isSubsetOf(validation.errors());
    assertThat(validation.warnings()).extracting(ConfigError::toString).containsExactly(
        "conf.d/a.conf:3: metrics_destination \"nowhere\" is not defined, using the default"
            + " destination \"rec\"; expected one of: rec");
    assertThat(validation.plan()).extracting(p -> p.line().testName() + " " + p.type() + " "
        + p.destination() + " " + p.fallback())
        .containsExactly("shop fake rec false", "cart null rec false", "misc fake rec true");
  }

  @Test
  void validateAlsoPreparesDefinitionsNoLineUsesYet() {
    test("later", Map.of("colour", "blue"));
    try (CapacityEngine engine = engine()) {
      Validation validation = engine.validate();

      assertThat(validation.ok()).isFalse();
      assertThat(validation.errors()).extracting(ConfigError::toString).singleElement()
          .asString().startsWith("tests.json: later.colour: unknown key");
      assertThat(validation.plan()).isEmpty();
    }
  }
}
