package io.github.capacity.api;

import java.util.Objects;

/**
 * One test's account of one calendar minute, sent once to its destination when the minute's
 * executions have ended. {@code planned = started + dropped + skipped}, and {@code started =
 * ok + failed + cancelled}, where {@code failed} counts executions with any error class but
 * {@code cancelled}.
 *
 * @param testName the configuration line's {@code test_name}
 * @param host the host this instance runs on
 * @param minuteEpochMillis the start of the calendar minute
 * @param planned executions the test owed in this run: the plan from its start (or the minute's
 *     start) to the minute's end, plus those owed from before it started
 * @param started executions started
 * @param completed executions that reported an outcome before the drain ended
 * @param ok completed executions that succeeded
 * @param failed completed executions that failed, not counting cancelled ones
 * @param dropped executions not started because {@code max_in_flight} were running, or that
 *     their test type reported {@link ErrorClass#DROPPED} (never sent: no connection was free
 *     within their slot)
 * @param cancelled executions cancelled by the engine
 * @param skipped executions owed but not run: too late to catch up, or {@code catch_up=skip}
 * @param fleetPlanned for a fleet-wide rate ({@code fleet:6000}), the whole fleet's plan for the
 *     minute, of which this host's share is {@code planned} when it ran the whole minute; 0 for a
 *     per-host rate
 * @param fleetIndex this host's place in the fleet, from 0 ({@code fleet.index}); 0 for a
 *     per-host rate
 * @param fleetSize hosts in the fleet ({@code fleet.size}); 0 for a per-host rate
 * @param delivery how the test's destination delivered in this run so far, as its sink reported
 *     when the account was made
 */
public record MinuteAccount(
    String testName,
    String host,
    long minuteEpochMillis,
    long planned,
    long started,
    long completed,
    long ok,
    long failed,
    long dropped,
    long cancelled,
    long skipped,
    long fleetPlanned,
    int fleetIndex,
    int fleetSize,
    Delivery delivery) {

  public MinuteAccount {
    Objects.requireNonNull(delivery, "delivery");
  }

  /** The account of a line with a per-host rate, without delivery figures. */
  public MinuteAccount(String testName, String host, long minuteEpochMillis, long planned,
      long started, long completed, long ok, long failed, long dropped, long cancelled,
      long skipped) {
    this(testName, host, minuteEpochMillis, planned, started, completed, ok, failed, dropped,
        cancelled, skipped, 0, 0, 0);
  }

  /** An account without delivery figures (a destination that reports none). */
  public MinuteAccount(String testName, String host, long minuteEpochMillis, long planned,
      long started, long completed, long ok, long failed, long dropped, long cancelled,
      long skipped, long fleetPlanned, int fleetIndex, int fleetSize) {
    this(testName, host, minuteEpochMillis, planned, started, completed, ok, failed, dropped,
        cancelled, skipped, fleetPlanned, fleetIndex, fleetSize, Delivery.NONE);
  }

  /** Whether the line's rate is a fleet's total, of which this host ran its share. */
  public boolean fleetWide() {
    return fleetSize > 0;
  }

  /** This account with {@code delivery} instead. */
  public MinuteAccount withDelivery(Delivery delivery) {
    return new MinuteAccount(testName, host, minuteEpochMillis, planned, started, completed, ok,
        failed, dropped, cancelled, skipped, fleetPlanned, fleetIndex, fleetSize, delivery);
  }

  /**
   * What the destination did with results since it opened in this run, in its own units
   * (events for {@code dropped}, datapoints for the spool).
   *
   * @param dropped events the sink dropped (buffer full)
   * @param spooled datapoints put into the disk spool to be sent later
   * @param replayed datapoints sent from the spool, left by this run or an earlier one
   * @param spoolDropped datapoints dropped from the spool (full: oldest first; unwritable)
   */
  public record Delivery(long dropped, long spooled, long replayed, long spoolDropped) {
    /** Nothing dropped, nothing spooled. */
    public static final Delivery NONE = new Delivery(0, 0, 0, 0);

    /** The figures of a sink's health. */
    public static Delivery of(MetricsSink.Health health) {
      return new Delivery(health.dropped(), health.spooled(), health.replayed(), health.spoolDropped());
    }
  }
}
