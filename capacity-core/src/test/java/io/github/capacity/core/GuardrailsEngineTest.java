package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.Trip;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigFiles;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.guard.TripStore;
import io.github.capacity.core.pacing.Rate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guardrails in the engine, on a fake clock: a trip stops the test at once, is recorded and
 * reported once, and keeps the test stopped in later runs until its cooldown ends or its record
 * is removed.
 */
class GuardrailsEngineTest {
  private static final long MINUTE = 60_000L;
  /** 2026-01-01T00:00:00Z: every run here starts on a minute. */
  private static final long T0 = 1_767_225_600_000L;

  @TempDir Path trips;
  private final RecordingDestination rec = new RecordingDestination("rec");
  private final SettableSourceLines source = new SettableSourceLines();
  private FakeTimeSource time = new FakeTimeSource(T0);
  /** Wall-clock millis from which the target fails every execution. */
  private long failingFromMillis = Long.MAX_VALUE;
  private final List<Long> startMillis = new ArrayList<>();

  private static final class SettableSourceLines implements ConfigSource {
    volatile List<TestLine> lines = List.of();

    @Override
    public Snapshot read() {
      return new Snapshot(lines, List.of());
    }
  }

  /** A target that answers in 5 ms, with 503 from {@link #failingFromMillis} on. */
  private final class DegradingType implements TestType {
    @Override
    public String name() {
      return "degrading";
    }

    @Override
    public PreparedTest prepare(Definition definition, TestContext context)
        throws InvalidDefinitionException {
      definition.requireOnly(java.util.Set.of());
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          long now = time.wallMillis();
          synchronized (startMillis) {
            startMillis.add(now);
          }
          Outcome outcome = now >= failingFromMillis
              ? Outcome.failed(ErrorClass.HTTP_STATUS, 503, 0, "503") : Outcome.ok(200, 1);
          time.at(time.nanoTime() + 5_000_000L, () -> whenDone.accept(outcome));
          return () -> whenDone.accept(Outcome.cancelled());
        }

        @Override
        public void close() {}
      };
    }
  }

  private CapacityEngine engine(Map<String, Object> abort) {
    return engine(abort, trips);
  }

  private CapacityEngine engine(Map<String, Object> abort, Path tripsDir) {
    Definition shop = new Definition("tests.json", "shop", "degrading", Map.of("abort", abort));
    return CapacityEngine.builder()
        .host("web-1")
        .timeSource(time)
        .testType(new DegradingType())
        .destinationType(rec)
        .defaultDestination("rec")
        .tests(Map.of("shop", shop), path -> path.startsWith("shop.abort") ? 4 : 2)
        .configSource(source)
        .trips(tripsDir)
        .build();
  }

  private static Map<String, Object> abort(String cooldown) {
    return Map.of("when", List.of("error_rate > 20%"), "window", "5s", "min_count", 10, "cooldown", cooldown);
  }

  private static TestLine line(int frequency) {
    return new TestLine("conf.d/shop.conf", 3, "shop.search", "shop", frequency, "rec");
  }

  private long startsBetween(long fromMillis, long toMillis) {
    synchronized (startMillis) {
      return startMillis.stream().filter(t -> t >= fromMillis && t < toMillis).count();
    }
  }

  @Test
  void aTripStopsTheTestAtOnceAndIsRecordedAndReportedOnce() throws Exception {
    source.lines = List.of(line(600)); // 10 a second
    failingFromMillis = T0 + 20_000;
    try (CapacityEngine engine = engine(abort("30m"))) {
      RunSummary summary = engine.runMinute();

      // The window is the current second and the four before it. In second 20, 10 failures of
      // 50 are 20%, not above; the first failure of second 21 makes 11 of 41 (seconds 17 to 19
      // have 30 oks). The phase of web-1 puts the starts at 0.083 s past each tenth.
      Trip trip = rec.trips.get(0);
      assertThat(rec.trips).hasSize(1);
      assertThat(trip.condition()).isEqualTo("error_rate > 20%");
      assertThat(trip.figures()).isEqualTo("error_rate 26.8%: 11 of 41 executions failed in the last 5 s");
      assertThat(trip.epochMillis()).isBetween(T0 + 21_000, T0 + 21_100);
      assertThat(trip.untilEpochMillis()).isEqualTo(trip.epochMillis() + 30 * MINUTE);
      assertThat(trip.trippedRate()).isEqualTo(600.0);
      assertThat(trip.heldRate()).isEqualTo(600.0);
      assertThat(startsBetween(T0, T0 + 20_000)).isEqualTo(200);
      assertThat(startsBetween(trip.epochMillis() + 1, T0 + MINUTE)).as("starts after the trip").isZero();
      assertThat(summary.accounts()).singleElement().satisfies(a -> assertThat(a.started()).isEqualTo(211));

      TripStore.Stored stored = new TripStore(trips).read("shop.search");
      assertThat(stored.problem()).isNull();
      assertThat(stored.record().trip()).isEqualTo(trip);
      assertThat(stored.record().line()).isEqualTo("conf.d/shop.conf:3");
      assertThat(stored.record().rate()).isEqualTo("600");
      assertThat(stored.record().failed()).isEqualTo(11);
    }
  }

  /** The first minute's run, at 600 a minute, against a target failing from second 20 on. */
  private void tripInTheFirstMinute(String cooldown) {
    source.lines = List.of(line(600));
    failingFromMillis = T0 + 20_000;
    runMinuteAt(T0, cooldown);
    failingFromMillis = Long.MAX_VALUE; // the target recovers once the test stops
  }

  /** A new engine, as a new cron run, over the minute starting at {@code minuteMillis}. */
  private RunSummary runMinuteAt(long minuteMillis, String cooldown) {
    time = new FakeTimeSource(minuteMillis);
    try (CapacityEngine engine = engine(abort(cooldown))) {
      return engine.runMinute();
    }
  }

  @Test
  void onARampTheTripRecordsTheRateItTrippedAtAndTheLastThatHeld() throws Exception {
    // 600 a minute at 0:00 rising 10 a minute each second: 900 at 0:30, 1,200 at 1:00.
    String ramp = "ramp(600,1200,60s)@2026-01-01T00:00:00Z";
    source.lines = ConfigFiles.parse("conf.d/shop.conf", "shop.search|shop|" + ramp + "|rec").lines();
    failingFromMillis = T0 + 30_000;
    try (CapacityEngine engine = engine(abort("30m"))) {
      engine.runMinute();
    }

    Trip trip = rec.trips.get(0);
    Rate rate = source.lines.get(0).rate();
    assertThat(trip.epochMillis()).isBetween(T0 + 30_000, T0 + 32_000);
    assertThat(trip.trippedRate()).isEqualTo(rate.perMinuteAt(trip.epochMillis()));
    assertThat(trip.heldRate()).as("the window is 5 s").isEqualTo(rate.perMinuteAt(trip.epochMillis() - 5_000));
    assertThat(trip.trippedRate() - trip.heldRate()).isEqualTo(50.0);
    TripStore.Stored stored = new TripStore(trips).read("shop.search");
    assertThat(stored.record().rate()).isEqualTo("ramp(600,1200,1m)@2026-01-01T00:00:00Z");
    assertThat(stored.record().trip().heldRate()).isEqualTo(Math.round(trip.heldRate() * 10) / 10.0);
  }

  @Test
  void theTripSurvivesTheNextRunsAndEndsAfterTheCooldown() throws Exception {
    tripInTheFirstMinute("3m");
    long until = rec.trips.get(0).untilEpochMillis();

    for (long minute = T0 + MINUTE; minute < until; minute += MINUTE) {
      assertThat(runMinuteAt(minute, "3m").accounts()).as("minute %d", minute).isEmpty();
      assertThat(startsBetween(minute, minute + MINUTE)).isZero();
    }

    long firstAfter = (until / MINUTE + 1) * MINUTE;
    runMinuteAt(firstAfter, "3m");
    assertThat(startsBetween(firstAfter, firstAfter + MINUTE)).isEqualTo(600);
    assertThat(Files.exists(new TripStore(trips).fileOf("shop.search"))).as("expired record removed").isFalse();
    assertThat(rec.trips).as("reported once").hasSize(1);
  }

  @Test
  void removingTheRecordLetsTheTestRunAtTheNextRun() throws Exception {
    tripInTheFirstMinute("30m");
    Files.delete(new TripStore(trips).fileOf("shop.search"));

    runMinuteAt(T0 + MINUTE, "30m");
    assertThat(startsBetween(T0 + MINUTE, T0 + 2 * MINUTE)).isEqualTo(600);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aLongRunResumesTheTestAtTheFirstMinuteAfterItsCooldown(boolean withRecords) {
    source.lines = List.of(line(600));
    failingFromMillis = T0 + 20_000;
    // Without a trips folder the trip is kept in memory, for the engine's life.
    try (CapacityEngine engine = engine(abort("1m"), withRecords ? trips : null)) {
      time.atWallMillis(T0 + 30_000, () -> failingFromMillis = Long.MAX_VALUE);
      engine.runUntil(T0 + 4 * MINUTE);
    }
    // Tripped near 21 s; the cooldown ends near 1:21, so minute 1 is stopped and minute 2 runs.
    assertThat(startsBetween(T0 + MINUTE, T0 + 2 * MINUTE)).isZero();
    assertThat(startsBetween(T0 + 2 * MINUTE, T0 + 4 * MINUTE)).isEqualTo(1200);
  }

  @Test
  void anUnreadableRecordKeepsTheTestStoppedUntilItIsRemoved() throws Exception {
    source.lines = List.of(line(600));
    Files.writeString(new TripStore(trips).fileOf("shop.search"), "{\"test_name\": ");
    try (CapacityEngine engine = engine(abort("1m"))) {
      engine.runMinute();
    }

    assertThat(startMillis).isEmpty();
  }

  @Test
  void aBadAbortBlockKeepsTheTestFromRunningUnguarded() {
    source.lines = List.of(line(600));
    try (CapacityEngine engine = engine(Map.of("when", List.of("error_rate > 20")))) {
      RunSummary summary = engine.runMinute();

      assertThat(summary.problems()).extracting(ConfigError::toString).containsExactly(
          "tests.json:4: shop.abort.when[0]: error_rate limit \"20\" is not a percentage below 100,"
              + " expected one such as \"5%\" or \"0.5%\"");
    }
    assertThat(startMillis).isEmpty();
  }
}
