package io.github.capacity.runner;

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

class RateTextTest {
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  private static final Fleet FLEET = new Fleet(5, 1);
  private static final Rate RAMP = new Rate(new Ramp(600, 6000, Duration.ofMinutes(30), START), true);

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aPlainRateIsOneFigureAndNothingMore() {
    assertThat(RateText.summary(Rate.perMinute(60))).isEqualTo("60/min");
    assertThat(RateText.details(Rate.perMinute(60), FLEET, 0)).isEmpty();
  }

  @Test
  void aFleetTotalShowsThisHostsShareAndPlace() {
    Rate rate = new Rate(new Shape.Constant(6001), true);

    assertThat(RateText.summary(rate)).isEqualTo("fleet:6001");
    assertThat(RateText.details(rate, new Fleet(5, 0), 0))
        .containsExactly("this host: 1201/min of the fleet's 6001/min (fleet.index 0 of fleet.size 5)");
    assertThat(RateText.details(rate, FLEET, 0))
        .containsExactly("this host: 1200/min of the fleet's 6001/min (fleet.index 1 of fleet.size 5)");
  }

  @Test
  void aShapeShowsItsCourseAndTheRateNowBeforeDuringAndAfter() {
    String course = "ramp: 600/min at 2026-12-03T10:00:00Z to 6000/min at 2026-12-03T10:30:00Z,"
        + " nothing before nor after";
    String place = "this host: 1/5 of the fleet's rate (fleet.index 1 of fleet.size 5)";

    assertThat(RateText.details(RAMP, FLEET, at("2026-12-03T09:59:00Z"))).containsExactly(course, place,
        "now (2026-12-03T09:59:00Z): not started, nothing runs until 2026-12-03T10:00:00Z");
    assertThat(RateText.details(RAMP, FLEET, at("2026-12-03T10:10:00Z"))).containsExactly(course, place,
        "now (2026-12-03T10:10:00Z): 2400/min for the fleet, 480/min on this host");
    assertThat(RateText.details(RAMP, FLEET, at("2026-12-03T10:00:01Z")).get(2))
        .isEqualTo("now (2026-12-03T10:00:01Z): 603/min for the fleet, 120.6/min on this host");
    assertThat(RateText.details(RAMP, FLEET, at("2026-12-03T10:30:00Z")).get(2))
        .isEqualTo("now (2026-12-03T10:30:00Z): ended at 2026-12-03T10:30:00Z, nothing runs");
  }

  @Test
  void stepsShowWhenEachBegins() {
    Rate steps = new Rate(new Steps(List.of(new Steps.Step(600, Duration.ofMinutes(5)),
        new Steps.Step(1200, Duration.ofMinutes(5))), START), false);

    assertThat(RateText.details(steps, null, at("2026-12-03T10:06:00Z"))).containsExactly(
        "steps: 600/min from 2026-12-03T10:00:00Z, 1200/min from 2026-12-03T10:05:00Z, nothing from"
            + " 2026-12-03T10:10:00Z on nor before the start",
        "now (2026-12-03T10:06:00Z): 1200/min");
  }
}
