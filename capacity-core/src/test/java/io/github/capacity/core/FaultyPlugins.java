package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.Execution;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.FakeTimeSource;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Plugins with one bug each, chosen by the definition's {@code "fault"} (a test type) or the
 * destination's name: each does what a buggy third-party jar does, so that the engine's guards
 * can be shown to contain it.
 */
final class FaultyPlugins {
  private FaultyPlugins() {}

  /** A test type whose prepared tests misbehave as {@code "fault"} says; else complete at once. */
  static class FaultyTestType implements TestType {
    private final FakeTimeSource time;
    volatile int starts;

    FaultyTestType(FakeTimeSource time) {
      this.time = time;
    }

    @Override
    public String name() {
      return "faulty";
    }

    @Override
    public PreparedTest prepare(Definition definition, TestContext context)
        throws InvalidDefinitionException {
      String fault = definition.string("fault");
      if (fault.equals("prepare-null")) {
        return null;
      }
      if (fault.equals("prepare-linkage")) {
        throw new NoClassDefFoundError("com/example/MissingLibrary");
      }
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          starts++;
          switch (fault) {
            case "start-abstract-method" -> throw new AbstractMethodError("start");
            case "start-stack-overflow" -> throw new StackOverflowError();
            case "start-out-of-memory" -> throw new OutOfMemoryError("Java heap space");
            case "start-null" -> {
              return null;
            }
            case "start-blocks" -> time.advanceNanos(Duration.ofSeconds(5).toNanos());
            case "outcome-null" -> {
              whenDone.accept(null);
              return () -> {};
            }
            default -> { }
          }
          whenDone.accept(Outcome.ok(200, 1));
          return () -> {};
        }

        @Override
        public void expectRate(int executionsPerMinute) {
          if (fault.equals("expect-rate-throws")) {
            throw new IllegalStateException("not ready");
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  /**
   * A destination whose sinks misbehave as its name says: {@code open-null}, {@code open-throws},
   * {@code record-throws}, {@code record-blocks}, {@code account-throws}.
   */
  static final class FaultyDestination implements MetricsDestination {
    private final String fault;
    private final FakeTimeSource time;

    FaultyDestination(String fault, FakeTimeSource time) {
      this.fault = fault;
      this.time = time;
    }

    @Override
    public String name() {
      return fault;
    }

    @Override
    public MetricsSink open(Definition definition, DestinationContext context) {
      if (fault.equals("open-null")) {
        return null;
      }
      if (fault.equals("open-throws")) {
        throw new AbstractMethodError("built against an older API");
      }
      return new MetricsSink() {
        @Override
        public void record(Result result) {
          if (fault.equals("record-throws")) {
            throw new IllegalStateException("buffer corrupted");
          }
          if (fault.equals("record-blocks")) {
            time.advanceNanos(Duration.ofSeconds(3).toNanos());
          }
        }

        @Override
        public void account(MinuteAccount account) {
          if (fault.equals("account-throws")) {
            throw new AbstractMethodError("account");
          }
        }

        @Override
        public void problem(Problem problem) {}

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public void close(Duration timeout) {}
      };
    }
  }
}
