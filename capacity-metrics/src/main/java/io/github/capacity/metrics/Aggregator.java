package io.github.capacity.metrics;

import io.github.capacity.api.Result;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups results into wall-clock-aligned intervals by their end time (an interval of 10 s holds
 * the results that ended in {@code [t, t + 10 s)} with {@code t} a multiple of 10 s since the
 * epoch) and per test. Not thread safe: owned by one sender thread.
 */
public final class Aggregator {
  /** The summaries of one interval, starting at {@code startMillis}. */
  public record Interval(long startMillis, List<Summary> summaries) {}

  private final long intervalMillis;
  private final TreeMap<Long, Map<String, TestStats>> open = new TreeMap<>();
  private long heldResults;

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

  /** Adds a result to the interval of its end time. */
  public void add(Result result) {
    long start = intervalStart(Math.floorDiv(result.endEpochNanos(), 1_000_000L));
    open.computeIfAbsent(start, s -> new LinkedHashMap<>())
        .computeIfAbsent(result.testName(), TestStats::new)
        .add(result);
    heldResults++;
  }

  /** How many results wait in intervals not yet taken. */
  public long heldResults() {
    return heldResults;
  }

  /**
   * Removes and returns the intervals that have ended by {@code nowMillis}, oldest first; with
   * {@code all}, the one in progress too (a flush at the end of a run).
   */
  public List<Interval> takeDue(long nowMillis, boolean all) {
    List<Interval> due = new ArrayList<>();
    Iterator<Map.Entry<Long, Map<String, TestStats>>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Map<String, TestStats>> entry = it.next();
      if (!all && entry.getKey() + intervalMillis > nowMillis) {
        break;
      }
      List<Summary> summaries = new ArrayList<>();
      entry.getValue().values().forEach(stats -> summaries.add(stats.summary()));
      summaries.forEach(summary -> heldResults -= summary.count());
      due.add(new Interval(entry.getKey(), summaries));
      it.remove();
    }
    return due;
  }

  /** Whether results wait in an interval not yet taken. */
  public boolean isEmpty() {
    return open.isEmpty();
  }
}
