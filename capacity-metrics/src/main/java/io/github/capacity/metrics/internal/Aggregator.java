package io.github.capacity.metrics.internal;

import io.github.capacity.api.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups results into wall-clock-aligned intervals by their end time (an interval of 10 s holds
 * the results that ended in {@code [t, t + 10 s)} with {@code t} a multiple of 10 s since the
 * epoch) and per test. Not thread safe: owned by one sender thread.
 *
 * <p><b>Each interval is taken once.</b> A receiver such as Graphite keeps the last value sent
 * for a name and timestamp, so a second, partial send of an interval would overwrite the full
 * one. So: a result that arrives for an interval already taken goes into the next interval not
 * yet taken (counted in {@link #lateResults()}); a result that ends after its planned minute (a
 * slow execution drained after the window) stays in that minute's last interval, which the next
 * run's process sends for its own minute otherwise; and that last interval is held until the
 * account of its minute ({@link #accountArrived}) has come for every test in it, at most {@link
 * #MAX_HOLD_MILLIS} after its end; only once accounts come at all (the engine sends them).
 */
public final class Aggregator {
  /** The summaries of one interval, starting at {@code startMillis}. */
  public record Interval(long startMillis, List<Summary> summaries) {}

  /** The longest a minute's last interval waits for its accounts: above the longest drain. */
  static final long MAX_HOLD_MILLIS = 60_000;
  private static final long MINUTE_MILLIS = 60_000;

  private final long intervalMillis;
  private final TreeMap<Long, Map<String, TestStats>> open = new TreeMap<>();
  private final Map<Long, Set<String>> accounted = new HashMap<>();
  private long heldResults;
  private long lateResults;
  private long lastTakenStart = Long.MIN_VALUE;
  /** Whether accounts come at all: a sink fed without the engine gets none, and holds nothing. */
  private boolean accountsCome;

  public Aggregator(long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("intervalMillis <= 0: " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  /** The start of the interval holding {@code epochMillis}. */
  public long intervalStart(long epochMillis) {
    return Math.floorDiv(epochMillis, intervalMillis) * intervalMillis;
  }

  /** Adds a result to the interval of its end time (see the class comment for the exceptions). */
  public void add(Result result) {
    long endMillis = Math.floorDiv(result.endEpochNanos(), 1_000_000L);
    long plannedMinuteEnd =
        (Math.floorDiv(Math.floorDiv(result.plannedEpochNanos(), 1_000_000L), MINUTE_MILLIS) + 1) * MINUTE_MILLIS;
    long start = intervalStart(Math.min(endMillis, plannedMinuteEnd - 1));
    if (lastTakenStart != Long.MIN_VALUE && start <= lastTakenStart) {
      start = lastTakenStart + intervalMillis;
      lateResults++;
    }
    open.computeIfAbsent(start, s -> new LinkedHashMap<>())
        .computeIfAbsent(result.testName(), TestStats::new)
        .add(result);
    heldResults++;
  }

  /** The account of {@code testName}'s minute has come: its executions have all reported. */
  public void accountArrived(String testName, long minuteEpochMillis) {
    accountsCome = true;
    accounted.computeIfAbsent(minuteEpochMillis, m -> new HashSet<>()).add(testName);
  }

  /** How many results wait in intervals not yet taken. */
  public long heldResults() {
    return heldResults;
  }

  /** How many results came after their interval was taken and went into a later one. */
  public long lateResults() {
    return lateResults;
  }

  /**
   * Removes and returns the intervals that have ended by {@code nowMillis} (and, for a minute's
   * last interval, whose accounts have come), oldest first; with {@code all}, every one (a flush
   * at the end of a run).
   */
  public List<Interval> takeDue(long nowMillis, boolean all) {
    List<Interval> due = new ArrayList<>();
    Iterator<Map.Entry<Long, Map<String, TestStats>>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Map<String, TestStats>> entry = it.next();
      long end = entry.getKey() + intervalMillis;
      if (!all && (end > nowMillis || (waitsForAccounts(entry) && nowMillis < end + MAX_HOLD_MILLIS))) {
        break; // later intervals wait too: intervals are taken in order, each once
      }
      List<Summary> summaries = new ArrayList<>();
      entry.getValue().values().forEach(stats -> summaries.add(stats.summary()));
      summaries.forEach(summary -> heldResults -= summary.count());
      due.add(new Interval(entry.getKey(), summaries));
      lastTakenStart = Math.max(lastTakenStart, entry.getKey());
      it.remove();
    }
    accounted.keySet().removeIf(minute -> minute + MINUTE_MILLIS <= lastTakenStart);
    return due;
  }

  /** Whether the interval holds the end of a minute whose accounts have not all come. */
  private boolean waitsForAccounts(Map.Entry<Long, Map<String, TestStats>> entry) {
    if (!accountsCome) {
      return false;
    }
    long start = entry.getKey();
    long minuteEnd = (Math.floorDiv(start, MINUTE_MILLIS) + 1) * MINUTE_MILLIS;
    if (minuteEnd > start + intervalMillis) {
      return false;
    }
    Set<String> done = accounted.getOrDefault(minuteEnd - MINUTE_MILLIS, Set.of());
    return !done.containsAll(entry.getValue().keySet());
  }

  /** Whether results wait in an interval not yet taken. */
  public boolean isEmpty() {
    return open.isEmpty();
  }
}
