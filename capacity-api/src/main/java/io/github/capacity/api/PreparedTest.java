package io.github.capacity.api;

import java.util.function.Consumer;

/**
 * A validated test definition, ready to run many times. Created by {@link TestType#prepare} when
 * the configuration is loaded; shared by every configuration line naming that test, and closed
 * when none is left.
 *
 * <p>Implementations are thread safe: the engine starts executions from its scheduler thread
 * while earlier ones complete on others.
 */
public interface PreparedTest extends AutoCloseable {

  /**
   * Starts one execution and returns without waiting for it: the pacer's thread calls this at the
   * planned instant, and any time spent here delays the next start. Asynchronous implementations
   * hand the work to their own machinery (OkHttp's {@code enqueue}, a non-blocking channel) and
   * report back from it; no thread needs to be held per execution.
   *
   * <p>{@code whenDone} must be called exactly once with the outcome, from any thread, also after
   * {@link Execution#cancel()} (typically with {@link Outcome#cancelled()}). It must not be called
   * from inside this method's caller's lock; calling it before returning is allowed.
   *
   * @param testName the configuration line's {@code test_name}, for tagging the traffic (a header
   *     naming the test, say)
   * @param whenDone receives the outcome
   * @return a handle to cancel the execution
   */
  Execution start(String testName, Consumer<Outcome> whenDone);

  /**
   * A configuration line is about to run this test at {@code executionsPerMinute}: its first
   * execution may be due at once. A test may get ready for the rate, typically by opening
   * connections ahead of the first executions, so that they do not each pay for a connection (and
   * the pacer's thread for the code that opens it) in the first milliseconds. It should not wait
   * for the network: the line's plan starts when this returns. Called on the pacer's thread when a
   * line starts or its frequency changes; with several lines naming the test, once for each. The
   * default does nothing.
   *
   * @param executionsPerMinute the line's frequency, {@code >= 1}
   */
  default void expectRate(int executionsPerMinute) {}

  /** Releases what the test holds (connection pools, threads). Does not throw. */
  @Override
  void close();
}
