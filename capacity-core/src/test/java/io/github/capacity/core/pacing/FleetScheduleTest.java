package io.github.capacity.core.pacing;

import static io.github.capacity.core.pacing.ShapeScheduleTest.startsInMinute;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetScheduleTest {
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

  static List<Rate> rates(int total) {
    return List.of(new Rate(new Shape.Constant(total), true),
        new Rate(new Ramp(total / 10, total, Duration.ofMinutes(5), START), true),
        new Rate(new Steps(List.of(new Steps.Step(total, Duration.ofSeconds(90)),
            new Steps.Step(total / 3, Duration.ofSeconds(150))), START), true));
  }

  @ParameterizedTest
  @CsvSource({"6000, 5", "6001, 5", "7, 5", "3, 5", "600, 1", "1000, 7", "60000, 12"})
  void sharesAddUpToTheFleetPlanExactlyDifferByAtMostOneAndInterleave(int total, int size) {
    for (Rate rate : rates(total)) {
      for (int minute = 0; minute < 5; minute++) {
        List<Long> fleetPlan = startsInMinute(rate, Fleet.ALONE, "any", 0, minute);
        List<Long> union = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        for (int index = 0; index < size; index++) {
          // Each host has its own name; a fleet-wide plan must not depend on it.
          List<Long> host = startsInMinute(rate, new Fleet(size, index), "web-" + index, 0, minute);
          shares.add(host.size());
          union.addAll(host);
        }
        union.sort(null);
        assertThat(union).as("%s minute %d", rate, minute).isEqualTo(fleetPlan);
        assertThat(shares.stream().mapToInt(Integer::intValue).sum()).isEqualTo(fleetPlan.size());
        assertThat(shares.stream().mapToInt(Integer::intValue).max().orElseThrow()
            - shares.stream().mapToInt(Integer::intValue).min().orElseThrow())
            .as("%s minute %d: %s", rate, minute, shares).isLessThanOrEqualTo(1);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"6000, 5, 0, 1200", "6001, 5, 0, 1201", "6001, 5, 1, 1200", "3, 5, 4, 0"})
  void aConstantFleetShareIsFixedAndExact(int total, int size, int index, int share) {
    Rate rate = new Rate(new Shape.Constant(total), true);
    Fleet fleet = new Fleet(size, index);

    assertThat(rate.hostPerMinuteAt(0, fleet)).isEqualTo(share);
    for (int minute = 0; minute < 3; minute++) {
      assertThat(startsInMinute(rate, fleet, "web", 0, minute)).hasSize(share);
    }
  }

  @ParameterizedTest
  @CsvSource({"6000, 5", "120000, 40"})
  void theFleetsCombinedStreamIsEvenlySpaced(int total, int size) {
    List<Long> union = new ArrayList<>();
    for (int index = 0; index < size; index++) {
      union.addAll(startsInMinute(new Rate(new Shape.Constant(total), true), new Fleet(size, index), "h" + index, 0, 0));
    }
    union.sort(null);
    long interval = 60_000_000_000L / total;
    for (int i = 1; i < union.size(); i++) {
      assertThat(union.get(i) - union.get(i - 1)).isBetween(interval, interval + 1);
    }
  }
}
