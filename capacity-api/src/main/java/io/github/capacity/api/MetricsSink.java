package io.github.capacity.api;

import java.time.Duration;

/**
 * An open destination that receives results. One sink serves every test line that names its
 * destination.
 *
 * <p><b>Never blocking.</b> {@link #record}, {@link #account}, {@link #problem} and {@link #trip}
 * are called on the engine's hot paths (completion callbacks) and must return at once whatever the state of the
 * metrics server: keep a bounded buffer, send from a background thread, and when the buffer is
 * full drop and count ({@link #health()}). Memory stays bounded whatever happens downstream.
 *
 * <p><b>Deadlines.</b> {@link #flush} and {@link #close} are called once the minute's executions
 * have ended, each with the time it may take; they return by then, whether or not everything was
 * delivered.
 *
 * <p>All methods are thread safe.
 */
public interface MetricsSink extends AutoCloseable {

  /** Takes one execution's result. Must not block. */
  void record(Result result);

  /** Takes a test's account of its minute. Must not block. */
  void account(MinuteAccount account);

  /** Takes a configuration problem to report as an error metric. Must not block. */
  void problem(Problem problem);

  /**
   * Takes a test's guardrail trip, once per trip. Must not block. The default reports it as a
   * {@link Problem} of kind {@code aborted} carrying {@link Trip#message()}; destinations that can
   * say more (the knee's rates as their own figures) override it.
   */
  default void trip(Trip trip) {
    problem(new Problem(trip.testName(), trip.host(), ErrorClass.of("aborted"), trip.message(),
        trip.epochMillis()));
  }

  /**
   * Sends what is buffered, waiting at most {@code timeout}.
   *
   * @return whether everything buffered was delivered in time
   */
  boolean flush(Duration timeout);

  /** Flushes within {@code timeout}, then releases sockets, files and threads. Idempotent. */
  void close(Duration timeout);

  /** Closes with a default deadline of five seconds. */
  @Override
  default void close() {
    close(Duration.ofSeconds(5));
  }

  /** How delivery is going; the engine logs it and acts on it ({@code metrics.required}). */
  default Health health() {
    return Health.HEALTHY;
  }

  /**
   * The delivery state of a sink.
   *
   * @param dropped results dropped so far (buffer full, server unreachable for too long)
   * @param failingSinceMillis wall-clock millis since which every delivery attempt has failed, or
   *     {@code -1} while delivering
   * @param lastError the last delivery error for logs, naming the endpoint, or {@code null}
   * @param spooled datapoints put into the disk spool so far, to be sent later (0 for a sink
   *     without one)
   * @param replayed datapoints sent from the spool so far, by this sink
   * @param spoolDropped datapoints dropped from the spool so far: the oldest when it was full, or
   *     what could not be written to it
   */
  record Health(long dropped, long failingSinceMillis, String lastError, long spooled, long replayed,
      long spoolDropped) {
    /** Delivering, nothing dropped. */
    public static final Health HEALTHY = new Health(0, -1, null);

    /** A sink without a spool. */
    public Health(long dropped, long failingSinceMillis, String lastError) {
      this(dropped, failingSinceMillis, lastError, 0, 0, 0);
    }

    /** Whether every attempt has been failing since {@link #failingSinceMillis()}. */
    public boolean failing() {
      return failingSinceMillis >= 0;
    }
  }
}
