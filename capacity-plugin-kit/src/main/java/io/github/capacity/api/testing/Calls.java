package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * How the contracts call plugin code they expect to return promptly: on a thread of its own, so
 * that a plugin that blocks fails the test by name instead of hanging it, and the thread a blocked
 * plugin keeps is a daemon that never holds the JVM open. Also the thread census behind "no thread
 * left after close".
 */
final class Calls {
  /** Threads every JVM (or the test runner) may start on its own, whatever a plugin does. */
  private static final List<String> SHARED_THREADS = List.of("ForkJoinPool.commonPool-",
      "Common-Cleaner", "Attach Listener", "process reaper", "surefire-", "junit-");

  private Calls() {}

  /** Runs {@code call}; fails with {@code what} when it has not returned within {@code limit}. */
  static <T> T within(Duration limit, String what, Callable<T> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(call.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "plugin-kit-call");
    thread.setDaemon(true);
    thread.start();
    try {
      return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail(what + " did not return within " + limit.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The threads alive now. */
  static Set<Thread> alive() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  /**
   * Waits up to {@code grace} for every thread started since {@code before} to end, but those
   * {@code ignored}; fails naming those still alive.
   */
  static void noThreadLeftSince(Set<Thread> before, Predicate<Thread> ignored, Duration grace,
      String after) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    Set<Thread> left;
    do {
      left = alive();
      left.removeAll(before);
      left.removeIf(t -> !t.isAlive() || t.getName().startsWith("plugin-kit-call") || ignored.test(t)
          || SHARED_THREADS.stream().anyMatch(t.getName()::startsWith));
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    fail(left.size() + " thread(s) still alive " + grace.toMillis() + " ms after " + after + ": "
        + left.stream().map(t -> "\"" + t.getName() + "\"" + (t.isDaemon() ? " (daemon)" : "")).sorted().toList());
  }
}
