package io.github.capacity.core.guard;

import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.api.Trip;
import io.github.capacity.core.config.TestLine;
import io.github.capacity.core.pacing.Rate;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's guardrails: a {@link Guard} per test line whose test has an {@code abort} block,
 * the trips they report, and the trip records that keep a tripped test stopped across runs.
 *
 * <p>Results come in on any thread ({@link #record}); a trip wakes the scheduler, which takes it
 * with {@link #tripped()}: the record is written, the trip reported once to the line's
 * destination and logged once, and the scheduler stops the test. {@link #holds} tells the
 * scheduler which lines a trip keeps stopped; it reads the record each time it is asked, so a
 * removed record or an ended cooldown lets the test run again at the next look (the next run, or
 * the next minute of a longer one). Without a folder ({@code trips} is {@code null}) trips are
 * kept in memory for the engine's life.
 *
 * <p>No master: each host judges its own results and writes its own records.
 */
public final class Guardrails {
  private static final Logger log = LoggerFactory.getLogger(Guardrails.class);

  private record Pending(TestLine line, MetricsSink sink, Guard.Verdict verdict, AbortRule rule) {}

  /** A trip in force; {@code stored} when its record is on disk and decides. */
  private record Held(long untilEpochMillis, boolean stored) {}

  private final Map<String, AbortRule> rules;
  private final TripStore store;
  private final TimeSource time;
  private final String host;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();
  private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
  private volatile Runnable onTrip = () -> {};

  // Scheduler thread only.
  private final Map<String, Held> held = new HashMap<>();
  private final Set<String> logged = new HashSet<>();

  /**
   * @param rules the abort rules by test name of {@code tests.json} (a line's {@code test_type})
   * @param trips the folder of trip records, or {@code null} to keep trips in memory only
   */
  public Guardrails(Map<String, AbortRule> rules, TripStore trips, TimeSource time, String host) {
    this.rules = Map.copyOf(rules);
    this.store = trips;
    this.time = time;
    this.host = host;
  }

  /** Runs {@code wake} (on the completing thread) each time a test trips. */
  public void onTrip(Runnable wake) {
    this.onTrip = wake;
  }

  /** Judges one result of {@code line}; any thread, never blocks. */
  public void record(TestLine line, MetricsSink sink, Result result) {
    if (rules.isEmpty()) {
      return;
    }
    AbortRule rule = rules.get(line.testType());
    if (rule == null) {
      return;
    }
    Guard guard = guards.get(line.testName());
    if (guard == null || guard.rule() != rule) {
      guard = guards.compute(line.testName(), (name, g) -> g != null && g.rule() == rule ? g : new Guard(rule));
    }
    Guard.Verdict verdict = guard.record(result);
    if (verdict != null) {
      pending.add(new Pending(line, sink, verdict, rule));
      onTrip.run();
    }
  }

  /**
   * The tests that tripped since the last call, for the scheduler to stop; each trip is recorded,
   * reported and logged here, once.
   */
  public List<String> tripped() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Pending p; (p = pending.poll()) != null; ) {
      names.add(p.line().testName());
      trip(p);
    }
    return names;
  }

  private void trip(Pending p) {
    TestLine line = p.line();
    Guard.Verdict v = p.verdict();
    long until = v.epochMillis() + p.rule().cooldown().toMillis();
    // The line's rate as written (a fleet's total): the load the target saw, on every host alike.
    Rate rate = line.rate();
    double held = v.heldEpochMillis() < 0 ? Double.NaN : rate.perMinuteAt(v.heldEpochMillis());
    Trip trip = new Trip(line.testName(), host, v.condition().text(), v.figures(), v.epochMillis(),
        until, rate.perMinuteAt(v.epochMillis()), held);
    TripRecord record = new TripRecord(trip, line.testType(), line.where(),
        rate.toString(), v.window().ran(), v.window().failed(),
        v.window().dropped(), v.window().windowSeconds());
    boolean stored = false;
    String where = "";
    if (store != null) {
      try {
        store.write(record);
        stored = true;
        where = "; remove " + store.fileOf(line.testName()) + " to run it sooner";
      } catch (IOException | RuntimeException e) {
        where = "; cannot write its trip record in " + store.dir() + " (trips.dir): " + e
            + ", so it stays stopped only until this run ends";
      }
    }
    this.held.put(line.testName(), new Held(until, stored));
    logged.add(line.testName());
    log.error("{}: {}{}", line.where(), trip.message(), where);
    try {
      p.sink().trip(trip);
    } catch (RuntimeException e) {
      log.warn("{}: reporting the trip of {} failed: {}", line.where(), line.testName(), e.toString());
    }
  }

  /**
   * The names of {@code lines} that a trip keeps stopped now (see {@link #holds}); the first line
   * of a name speaks for it. A new set the caller may change. Scheduler thread only.
   */
  public Set<String> held(List<TestLine> lines) {
    Set<String> seen = new HashSet<>();
    Set<String> held = new HashSet<>();
    for (TestLine line : lines) {
      if (seen.add(line.testName()) && holds(line)) {
        held.add(line.testName());
      }
    }
    return held;
  }

  /**
   * Whether a trip keeps {@code line} stopped now. Reads its record, so that a record removed by
   * an operator, or whose cooldown is over, lets the test run; an expired record is removed.
   * Scheduler thread only.
   */
  public boolean holds(TestLine line) {
    String name = line.testName();
    long now = time.wallMillis();
    Held inMemory = held.get(name);
    if (inMemory != null && !inMemory.stored()) {
      return now < inMemory.untilEpochMillis() || release(line, "its cooldown is over");
    }
    TripStore.Stored stored = store == null ? null : store.read(name);
    if (stored == null) {
      return inMemory != null && release(line, "its trip record was removed");
    }
    if (stored.problem() != null) {
      held.put(name, new Held(Long.MAX_VALUE, true));
      if (logged.add(name)) {
        log.error("{}: trip record {} {}; test {} stays stopped until the record is removed",
            line.where(), stored.file(), stored.problem(), name);
      }
      return true;
    }
    TripRecord record = stored.record();
    if (!record.activeAt(now)) {
      try {
        store.remove(name);
      } catch (IOException e) {
        log.warn("{}: cannot remove the expired trip record {}: {}", line.where(), stored.file(), e.toString());
      }
      return release(line, "its cooldown ended at " + Instant.ofEpochMilli(record.trip().untilEpochMillis()));
    }
    held.put(name, new Held(record.trip().untilEpochMillis(), true));
    if (logged.add(name)) {
      log.info("{}: test {} stays stopped until {}: it tripped at {} ({}); remove {} to run it sooner",
          line.where(), name, Instant.ofEpochMilli(record.trip().untilEpochMillis()),
          Instant.ofEpochMilli(record.trip().epochMillis()), record.trip().condition(), stored.file());
    }
    return true;
  }

  /** Whether any test is held: the scheduler looks again at each new minute. */
  public boolean holdsAny() {
    return !held.isEmpty();
  }

  private boolean release(TestLine line, String why) {
    String name = line.testName();
    log.info("{}: test {} runs again: {}", line.where(), name, why);
    held.remove(name);
    logged.remove(name);
    guards.remove(name);
    return false;
  }
}
