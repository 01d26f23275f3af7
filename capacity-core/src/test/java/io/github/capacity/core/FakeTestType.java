package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.Execution;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A test type that records each start and completes after a fixed {@code latency} of fake time
 * ({@code 0}: at once), or never ({@code "hang": true}) until cancelled. {@code start_takes} makes
 * each start itself take that long on the scheduler thread (a stalled scheduler).
 */
final class FakeTestType implements TestType {
  record Start(String testName, long nanos) {}

  private final FakeTimeSource time;
  final List<Start> starts = new ArrayList<>();
  int cancels;
  int prepares;
  /** Each expectRate: the rate, and how many starts there were before it. */
  final List<long[]> expectedRates = new ArrayList<>();

  FakeTestType(FakeTimeSource time) {
    this.time = time;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public PreparedTest prepare(Definition definition, TestContext context) throws InvalidDefinitionException {
    definition.requireOnly(Set.of("latency", "hang", "fail", "throw", "start_takes"));
    prepares++;
    Duration startTakes = definition.duration("start_takes", Duration.ZERO);
    Duration latency = definition.duration("latency", Duration.ofNanos(1));
    boolean hang = definition.bool("hang", false);
    boolean fail = definition.bool("fail", false);
    boolean throwing = definition.bool("throw", false);
    return new PreparedTest() {
      @Override
      public Execution start(String testName, Consumer<Outcome> whenDone) {
        synchronized (FakeTestType.this) {
          starts.add(new Start(testName, time.nanoTime()));
        }
        if (throwing) {
          throw new IllegalStateException("a bug in the plugin");
        }
        Outcome outcome = fail ? Outcome.failed(io.github.capacity.api.ErrorClass.HTTP_STATUS, 500, 3, "500")
            : Outcome.ok(200, 2);
        if (!hang) {
          time.at(time.nanoTime() + latency.toNanos(), () -> whenDone.accept(outcome));
        }
        if (!startTakes.isZero()) {
          time.advanceNanos(startTakes.toNanos());
        }
        return () -> {
          synchronized (FakeTestType.this) {
            cancels++;
          }
          whenDone.accept(Outcome.cancelled());
        };
      }

      @Override
      public void expectRate(int executionsPerMinute) {
        synchronized (FakeTestType.this) {
          expectedRates.add(new long[] {executionsPerMinute, starts.size()});
        }
      }

      @Override
      public void close() {}
    };
  }

  synchronized List<Long> startNanos(String testName) {
    return starts.stream().filter(s -> s.testName().equals(testName)).map(Start::nanos).toList();
  }
}
