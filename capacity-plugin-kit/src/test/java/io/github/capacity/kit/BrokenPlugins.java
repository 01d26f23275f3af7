package io.github.capacity.kit;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plugins that each break one rule of {@code docs/plugins.md} in the way real plugins do, and
 * otherwise behave. The kit must fail each of them. A definition with {@code "hang": true} is a
 * target that never answers.
 */
final class BrokenPlugins {
  private BrokenPlugins() {}

  /** The common part: validation, and a close that releases nothing special. */
  abstract static class Base implements TestType {
    @Override
    public PreparedTest prepare(Definition definition, TestContext context) throws InvalidDefinitionException {
      definition.requireOnly(Set.of("hang"));
      return prepared(definition.bool("hang", false));
    }

    abstract PreparedTest prepared(boolean hang);
  }

  /** Does its I/O on the pacer's thread: start waits for a target that never answers. */
  public static final class BlockingStartType extends Base {
    @Override
    public String name() {
      return "blocking-start";
    }

    @Override
    PreparedTest prepared(boolean hang) {
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          if (hang) {
            sleep(Duration.ofMinutes(1)); // a blocking read with no timeout
          }
          whenDone.accept(Outcome.ok(200, 1));
          return () -> { };
        }

        @Override
        public void close() { }
      };
    }
  }

  /** Reports the outcome, then reports cancelled as well when cancelled afterwards. */
  public static final class DoubleOutcomeType extends Base {
    @Override
    public String name() {
      return "double-outcome";
    }

    @Override
    PreparedTest prepared(boolean hang) {
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          if (!hang) {
            whenDone.accept(Outcome.ok(200, 1));
          }
          return () -> whenDone.accept(Outcome.cancelled()); // no "already done" check
        }

        @Override
        public void close() { }
      };
    }
  }

  /** Runs executions on a pool of its own that close() forgets to shut down. */
  public static final class LeakyThreadType extends Base {
    @Override
    public String name() {
      return "leaky-thread";
    }

    @Override
    PreparedTest prepared(boolean hang) {
      ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "leaky-worker");
        thread.setDaemon(true);
        return thread;
      });
      return new PreparedTest() {
        @Override
        public Execution start(String testName, Consumer<Outcome> whenDone) {
          java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
          if (!hang) {
            pool.execute(() -> {
              if (done.compareAndSet(false, true)) {
                whenDone.accept(Outcome.ok(200, 1));
              }
            });
          }
          return () -> {
            if (done.compareAndSet(false, true)) {
              whenDone.accept(Outcome.cancelled());
            }
          };
        }

        @Override
        public void close() { } // the pool's threads live on
      };
    }
  }

  /** Connects in open(), with no timeout: a metrics server that is down stalls the tests. */
  public static final class BlockingOpenDestination implements MetricsDestination {
    @Override
    public String name() {
      return "blocking-open";
    }

    @Override
    public MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException {
      definition.requireOnly(Set.of("host", "port"));
      String host = definition.string("host", "127.0.0.1");
      int port = (int) definition.integer("port", 2003, 1, 65_535);
      Socket socket;
      try {
        socket = new Socket(host, port); // waits as long as the kernel lets it
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new MetricsSink() {
        @Override
        public void record(Result result) { }

        @Override
        public void account(MinuteAccount account) { }

        @Override
        public void problem(Problem problem) { }

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public void close(Duration timeout) {
          try {
            socket.close();
          } catch (IOException e) {
            // closing
          }
        }
      };
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
