package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.core.pacing.Ramp;
import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Shape;
import io.github.capacity.core.pacing.Steps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateSyntaxTest {
  private static final Fleet FLEET = new Fleet(5, 1);
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

  private static ConfigSource.Snapshot parse(String rate, Fleet fleet) {
    return ConfigFiles.parse("conf.d/shop.conf", "shop.search|search|" + rate + "|graphite\n", fleet);
  }

  private static Rate rate(String text) {
    ConfigSource.Snapshot snapshot = parse(text, FLEET);
    assertThat(snapshot.errors()).isEmpty();
    return snapshot.lines().get(0).rate();
  }

  private static String error(String text, Fleet fleet) {
    ConfigSource.Snapshot snapshot = parse(text, fleet);
    assertThat(snapshot.lines()).isEmpty();
    return snapshot.errors().get(0).toString();
  }

  @Test
  void readsEveryFormAndWritesItBackTheSame() {
    assertThat(rate("60")).isEqualTo(Rate.perMinute(60));
    assertThat(rate("fleet:6000")).isEqualTo(new Rate(new Shape.Constant(6000), true));
    assertThat(rate("ramp(600,6000,30m)@2026-12-03T10:00:00Z"))
        .isEqualTo(new Rate(new Ramp(600, 6000, Duration.ofMinutes(30), START), false));
    assertThat(rate("fleet:ramp(600, 6000, 1h30m) @ 2026-12-03T11:00:00+01:00"))
        .isEqualTo(new Rate(new Ramp(600, 6000, Duration.ofMinutes(90), START), true));
    assertThat(rate("steps(600/5m,0/90s,1200/2h)@2026-12-03T10:00:00Z")).isEqualTo(new Rate(new Steps(List.of(
        new Steps.Step(600, Duration.ofMinutes(5)), new Steps.Step(0, Duration.ofSeconds(90)),
        new Steps.Step(1200, Duration.ofHours(2))), START), false));
    for (String text : List.of("60", "fleet:6000", "ramp(600,6000,30m)@2026-12-03T10:00:00Z",
        "fleet:steps(600/5m,0/90s,1200/2h)@2026-12-03T10:00:00Z", "ramp(0,10,90m)@2026-12-03T10:00:00Z")) {
      assertThat(rate(text)).hasToString(text);
    }
  }

  @Test
  void thePlainIntegerKeepsItsMeaningAndItsAccessor() {
    TestLine line = parse("60", null).lines().get(0);

    assertThat(line.frequency()).isEqualTo(60);
    assertThat(line.rate().plain()).isTrue();
    assertThat(line.rate().hostPerMinuteAt(0, FLEET)).isEqualTo(60);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "ramp(1,2) => test_frequency \"ramp(1,2)\" has 2 values in ramp(...), expected 3:"
          + " ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z",
      "ramp(1,2,3m) => test_frequency \"ramp(1,2,3m)\" has no start, expected @START after the ')':"
          + " ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z",
      "ramp(1,2,3m)@tomorrow => test_frequency \"ramp(1,2,3m)@tomorrow\" has START \"tomorrow\","
          + " expected an ISO-8601 instant with its offset, in UTC such as 2026-12-03T10:00:00Z",
      "ramp(1,2,3m)@2026-12-03T10:00:00 => test_frequency \"ramp(1,2,3m)@2026-12-03T10:00:00\" has START"
          + " \"2026-12-03T10:00:00\", expected an ISO-8601 instant with its offset, in UTC such as 2026-12-03T10:00:00Z",
      "ramp(1,2,3m)@+99999-01-01T00:00:00Z => test_frequency \"ramp(1,2,3m)@+99999-01-01T00:00:00Z\" has START"
          + " \"+99999-01-01T00:00:00Z\", expected an ISO-8601 instant with its offset, in UTC such as"
          + " 2026-12-03T10:00:00Z, from 1970 to 9999",
      "ramp(1,2,3x)@2026-12-03T10:00:00Z => test_frequency \"ramp(1,2,3x)@2026-12-03T10:00:00Z\" has DURATION"
          + " \"3x\", expected a duration in whole seconds, minutes or hours such as 90s, 10m or 2h",
      "ramp(1,2,0s)@2026-12-03T10:00:00Z => test_frequency \"ramp(1,2,0s)@2026-12-03T10:00:00Z\" has DURATION"
          + " 0s, expected a duration of at least 1s",
      "ramp(1,2,800h)@2026-12-03T10:00:00Z => test_frequency \"ramp(1,2,800h)@2026-12-03T10:00:00Z\" has DURATION"
          + " 800h, expected at most 744h",
      "ramp(a,2,3m)@2026-12-03T10:00:00Z => test_frequency \"ramp(a,2,3m)@2026-12-03T10:00:00Z\" has FROM \"a\","
          + " which is not a whole number, expected executions per minute from 0 to 3000000",
      "ramp(1,3000001,3m)@2026-12-03T10:00:00Z => test_frequency \"ramp(1,3000001,3m)@2026-12-03T10:00:00Z\" has"
          + " TO 3000001, above the limit, expected executions per minute from 0 to 3000000",
      "ramp(0,0,3m)@2026-12-03T10:00:00Z => test_frequency \"ramp(0,0,3m)@2026-12-03T10:00:00Z\" goes from 0"
          + " to 0, expected a ramp that reaches a rate above 0",
      "ramp(1,2,3m => test_frequency \"ramp(1,2,3m\" has no ')' closing ramp(, expected"
          + " ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z",
      "ramp(1,,3m)@2026-12-03T10:00:00Z => test_frequency \"ramp(1,,3m)@2026-12-03T10:00:00Z\" has an empty value"
          + " in ramp(...), expected ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z",
      "ramp(1,2,3m)x2026 => test_frequency \"ramp(1,2,3m)x2026\" has \"x2026\" after the ')', expected @START:"
          + " ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z",
      "steps(600)@2026-12-03T10:00:00Z => test_frequency \"steps(600)@2026-12-03T10:00:00Z\" has step \"600\", which"
          + " is not RATE/DURATION, expected steps(RATE/DURATION,...)@START such as"
          + " steps(600/5m,1200/5m)@2026-12-03T10:00:00Z",
      "steps(0/5m,0/1m)@2026-12-03T10:00:00Z => test_frequency \"steps(0/5m,0/1m)@2026-12-03T10:00:00Z\" has every"
          + " step at rate 0, expected a step with a rate above 0",
      "steps(1/744h,1/1h)@2026-12-03T10:00:00Z => test_frequency \"steps(1/744h,1/1h)@2026-12-03T10:00:00Z\" lasts"
          + " 745h in all, expected at most 744h",
      "sine(1,2)@2026-12-03T10:00:00Z => test_frequency \"sine(1,2)@2026-12-03T10:00:00Z\" is not a rate, expected"
          + " executions per minute such as 60, fleet:6000, ramp(600,6000,30m)@2026-12-03T10:00:00Z or"
          + " steps(600/5m,1200/5m)@2026-12-03T10:00:00Z",
      "fleet: => test_frequency \"fleet:\" has no rate after fleet:, expected the fleet's total such as fleet:6000",
      "fleet:0 => test_frequency \"fleet:0\" has total 0, expected executions per minute from 1 to 100000000;"
          + " to stop the test, remove the line",
      "fleet:lots => test_frequency \"fleet:lots\" has total \"lots\", which is not a whole number, expected"
          + " executions per minute from 1 to 100000000",
      "fleet:100000001 => test_frequency \"fleet:100000001\" has total 100000001, above the limit, expected"
          + " executions per minute from 1 to 100000000",
      "fleet:20000000 => test_frequency \"fleet:20000000\" gives this host up to 4000000 a minute (fleet.index 1 of"
          + " fleet.size 5), above the limit of 3000000, expected a smaller total or a larger fleet",
  })
  void eachMistakeSaysWhatIsWrongAndWhatWasExpected(String text, String message) {
    assertThat(error(text, FLEET)).isEqualTo("conf.d/shop.conf:1: " + message);
  }

  @Test
  void aFleetWideRateNeedsTheFleetSettingsRatherThanRunningTheWholeTotalOnEachHost() {
    assertThat(error("fleet:ramp(1,2,3m)@2026-12-03T10:00:00Z", null)).isEqualTo("conf.d/shop.conf:1:"
        + " test_frequency \"fleet:ramp(1,2,3m)@2026-12-03T10:00:00Z\" is a fleet-wide rate but fleet.size and"
        + " fleet.index are not set in the settings, expected them (written by configuration management) or a"
        + " per-host rate such as 60");
  }
}
