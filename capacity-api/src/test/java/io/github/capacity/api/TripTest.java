package io.github.capacity.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TripTest {
  private static final Trip TRIP = new Trip("shop.search", "web-1", "error_rate > 5%",
      "error_rate 7.3%: 11 of 150 executions failed in the last 10 s", 1_767_225_600_000L,
      1_767_227_400_000L, 2460.4, 2415);

  @Test
  void theMessageSaysWhatHeldAtWhichRatesAndUntilWhen() {
    assertThat(TRIP.message()).isEqualTo("test shop.search aborted on web-1: error_rate > 5% held"
        + " (error_rate 7.3%: 11 of 150 executions failed in the last 10 s) at 2460/min, last held at"
        + " 2415/min; stopped until 2026-01-01T00:30:00Z");
    assertThat(new Trip("t", "h", "p99 > 1s", "f", 0, 0, 6.25, Double.NaN).message())
        .isEqualTo("test t aborted on h: p99 > 1s held (f) at 6.3/min; stopped until 1970-01-01T00:00:00Z");
  }

  @Test
  void aSinkThatKnowsNothingOfTripsGetsAProblemOfKindAborted() {
    List<Problem> problems = new ArrayList<>();
    MetricsSink old = new MetricsSink() {
      @Override
      public void record(Result result) {}

      @Override
      public void account(MinuteAccount account) {}

      @Override
      public void problem(Problem problem) {
        problems.add(problem);
      }

      @Override
      public boolean flush(Duration timeout) {
        return true;
      }

      @Override
      public void close(Duration timeout) {}
    };

    old.trip(TRIP);

    assertThat(problems).containsExactly(new Problem("shop.search", "web-1", ErrorClass.of("aborted"),
        TRIP.message(), 1_767_225_600_000L));
  }
}
