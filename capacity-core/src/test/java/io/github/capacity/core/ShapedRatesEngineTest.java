package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.capacity.api.Definition;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.testing.FakeTimeSource;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.core.pacing.Ramp;
import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Shape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ramps and fleet shares through the engine on fake clocks, one engine per minute as cron starts
 * them: each run finds its place in the shape from the clock alone.
 */
class ShapedRatesEngineTest {
  private static final long SECOND = 1_000_000_000L;
  /** 2026-01-01T00:00:00Z, where {@link FakeTimeSource#atSecond} places its clock. */
  private static final long EPOCH_MILLIS = 1_767_225_600_000L;
  /** The ramp starts 20 s into the first minute, as an operator would write it: not on a minute. */
  private static final Instant START = Instant.ofEpochMilli(EPOCH_MILLIS + 20_000);

  /** One host: its clock and what its test type saw. */
  private static final class Host {
    final FakeTimeSource time;
    final FakeTestType fake;
    final RecordingDestination rec = new RecordingDestination("rec");
    final String name;
    final Fleet fleet;
    /** The monotonic reading of EPOCH_MILLIS on this host. */
    final long epochNanos;

    /** A host whose monotonic clock reads {@code clockSkewMillis} more than the first one's. */
    Host(String name, Fleet fleet, long clockSkewMillis) {
      this.name = name;
      this.fleet = fleet;
      this.time = new FakeTimeSource(EPOCH_MILLIS - clockSkewMillis);
      time.advanceMillis(clockSkewMillis);
      this.fake = new FakeTestType(time);
      this.epochNanos = time.nanoTime();
    }

    /** Runs {@code minutes} cron minutes of {@code line}, a fresh engine for each. */
    void runMinutes(TestLine line, int minutes) {
      for (int m = 0; m < minutes; m++) {
        try (CapacityEngine engine = CapacityEngine.builder().host(name).fleet(fleet).timeSource(time)
            .testType(fake).destinationType(rec).defaultDestination("rec")
            .tests(Map.of("ping", new Definition("tests.json", "ping", "fake", Map.of())), path -> 0)
            .configSource(ConfigSource.of(List.of(line))).drainTimeout(Duration.ZERO).build()) {
          engine.runMinute();
        }
        // cron starts the next run on the minute, if this one ended after it
        time.advanceMillis(Math.floorMod(-time.wallMillis(), 60_000L));
      }
    }

    /** Starts in the wall-clock second {@code second} after EPOCH_MILLIS. */
    long startsInSecond(long second) {
      return fake.startNanos("search").stream()
          .filter(t -> t >= epochNanos + second * SECOND && t < epochNanos + (second + 1) * SECOND).count();
    }
  }

  private static TestLine line(Rate rate) {
    return new TestLine("conf.d/a.conf", 1, "search", "ping", rate, "rec");
  }

  @Test
  void aRampRunByCronMinuteAfterMinuteMatchesItsIntegralWithinOneEverySecond() {
    Ramp ramp = new Ramp(600, 3000, Duration.ofMinutes(2), START);
    Host host = new Host("web-1", Fleet.ALONE, 0);
    host.runMinutes(line(new Rate(ramp, false)), 4);

    List<Long> starts = host.fake.startNanos("search");
    assertThat(starts).allSatisfy(t -> assertThat(t).isBetween(host.epochNanos + 20 * SECOND, host.epochNanos + 140 * SECOND - 1));
    assertThat((double) starts.size()).isCloseTo(ramp.executionsBefore(ramp.lengthNanos()), within(1.0));
    long counted = 0;
    for (long second = 20; second < 140; second++) {
      counted += host.startsInSecond(second);
      double integral = ramp.executionsBefore((second + 1 - 20) * SECOND);
      assertThat((double) counted).as("second %d", second).isCloseTo(integral, within(1.0));
    }
    assertThat(host.rec.accounts).extracting(MinuteAccount::planned).containsExactly(
        (long) host.fake.startNanos("search").stream().filter(t -> t < host.epochNanos + 60 * SECOND).count(),
        host.rec.accounts.get(1).planned(), host.rec.accounts.get(2).planned(), 0L);
  }

  @Test
  void twoHostsWithDifferentClocksAndPhasesRunTheSameRateInTheSameWallClockSecond() {
    Rate rate = new Rate(new Ramp(600, 6000, Duration.ofMinutes(3), START), false);
    Host a = new Host("web-1", Fleet.ALONE, 0);
    Host b = new Host("web-2", Fleet.ALONE, 123_456_789L);
    a.runMinutes(line(rate), 3);
    b.runMinutes(line(rate), 3);

    for (long second = 21; second < 180; second++) {
      assertThat(Math.abs(a.startsInSecond(second) - b.startsInSecond(second))).as("second %d", second)
          .isLessThanOrEqualTo(1);
      assertThat((double) a.startsInSecond(second)).isCloseTo(rate.perMinuteAt(EPOCH_MILLIS + second * 1000 + 500) / 60, within(1.5));
    }
  }

  @Test
  void aFleetsHostsRunTheirSharesAndTheirAccountsSayTheShareAndThePlace() {
    Rate rate = new Rate(new Shape.Constant(6001), true);
    List<MinuteAccount> accounts = new ArrayList<>();
    List<Long> union = new ArrayList<>();
    for (int index = 0; index < 5; index++) {
      Host host = new Host("web-" + index, new Fleet(5, index), index * 7L);
      host.runMinutes(line(rate), 1);
      accounts.addAll(host.rec.accounts);
      host.fake.startNanos("search").forEach(t -> union.add(t - host.epochNanos));
    }

    assertThat(accounts).extracting(MinuteAccount::planned).containsExactly(1201L, 1200L, 1200L, 1200L, 1200L);
    assertThat(accounts).extracting(MinuteAccount::started).containsExactly(1201L, 1200L, 1200L, 1200L, 1200L);
    assertThat(accounts).extracting(MinuteAccount::fleetIndex).containsExactly(0, 1, 2, 3, 4);
    assertThat(accounts).allSatisfy(a -> {
      assertThat(a.fleetPlanned()).isEqualTo(6001);
      assertThat(a.fleetSize()).isEqualTo(5);
    });
    union.sort(null);
    for (int i = 1; i < union.size(); i++) {
      assertThat(union.get(i) - union.get(i - 1)).isBetween(60 * SECOND / 6001, 60 * SECOND / 6001 + 1);
    }
  }
}
