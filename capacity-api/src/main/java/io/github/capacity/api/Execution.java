package io.github.capacity.api;

/**
 * A handle on one started execution, returned by {@link PreparedTest#start}. Thread safe.
 */
@FunctionalInterface
public interface Execution {

  /**
   * Stops the execution at once: closes its socket, frees its thread. Called by the engine on the
   * stop file, on the removal of the test's line and when the drain time runs out. Must return
   * promptly, may be called from any thread, more than once, and after the outcome was reported.
   * The engine counts the execution as {@code cancelled} whatever outcome it reports afterwards.
   */
  void cancel();
}
