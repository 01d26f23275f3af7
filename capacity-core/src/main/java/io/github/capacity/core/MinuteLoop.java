package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Problem;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.TestLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler: one thread that sleeps until the next planned start, starts everything due, and
 * reacts to configuration changes and stop requests in between. Windows are calendar minutes;
 * when a run spans several, each line's next window starts exactly where its plan says.
 */
final class MinuteLoop {
  private static final Logger log = LoggerFactory.getLogger(MinuteLoop.class);
  static final long WINDOW_NANOS = 60_000_000_000L;
  private static final long CANCEL_GRACE_NANOS = 200_000_000L;
  private static final long HEALTH_CHECK_NANOS = 1_000_000_000L;
  /** What the destinations get to deliver their last results after the drain. */
  static final Duration FLUSH_BUDGET = Duration.ofSeconds(2);

  /** A window's account waiting for its executions to end. */
  private record Closing(MinuteCounters counters, MetricsSink sink) {}

  private final RunContext context;
  private final Catalog catalog;
  private final ConfigSource configSource;
  private final long drainNanos;
  private final Duration metricsRequiredAfter;
  private final Waker waker;

  private volatile boolean configDirty;
  private volatile boolean stopRequested;
  private Thread runner;

  // Scheduler thread only.
  private final Map<String, TestRun> runs = new LinkedHashMap<>();
  /** The values of {@link #runs}, for the loop's every wake; null when runs changed since. */
  private TestRun[] active;
  private final List<Closing> closing = new ArrayList<>();
  private final List<MinuteAccount> accounts = new ArrayList<>();
  private final Set<String> reportedProblems = new HashSet<>();
  /** Tests stopped for the rest of the run: blind ({@code metrics.required}) or disabled. */
  private final Set<String> stoppedBlind = new HashSet<>();
  /** Each test's totals over the run, by name. */
  private final Map<String, RunTotals> totals = new LinkedHashMap<>();
  private long windowStartNanos;
  private long windowMinuteMillis;
  private long nextHealthCheckNanos;

  MinuteLoop(RunContext context, Catalog catalog, ConfigSource configSource, Duration drainTimeout,
      Duration metricsRequiredAfter) {
    this.context = context;
    this.catalog = catalog;
    this.configSource = configSource;
    this.drainNanos = drainTimeout.toNanos();
    this.metricsRequiredAfter = metricsRequiredAfter;
    this.waker = new Waker(context.time);
  }

  long wallMillis() {
    return context.time.wallMillis();
  }

  void configChanged() {
    configDirty = true;
    waker.wake();
  }

  void stop() {
    stopRequested = true;
    waker.wake();
  }

  /**
   * Prepares the tests and opens the destinations that the configuration names now, as the run
   * would at its start. The run reads the configuration again and reports its problems.
   */
  void prepare() {
    synchronized (this) {
      if (runner != null) {
        throw new IllegalStateException("a run is already under way on " + runner.getName());
      }
    }
    ConfigSource.Snapshot snapshot;
    try {
      snapshot = configSource.read();
    } catch (RuntimeException e) {
      return; // the run reads it again and says why
    }
    Set<String> seen = new HashSet<>();
    for (TestLine line : snapshot.lines()) {
      if (seen.add(line.testName())) {
        catalog.sink(line);
        catalog.test(line);
      }
    }
  }

  /** Reads the configuration, prepares what it names, and returns every problem met. */
  List<ConfigError> validate() {
    synchronized (this) {
      if (runner != null) {
        throw new IllegalStateException("a run is already under way on " + runner.getName());
      }
    }
    List<ConfigError> found = new ArrayList<>();
    ConfigSource.Snapshot snapshot;
    try {
      snapshot = configSource.read();
    } catch (RuntimeException e) {
      return List.of(new ConfigError("configuration", 0, "reading the configuration failed: " + e));
    }
    found.addAll(snapshot.errors());
    Set<String> seen = new HashSet<>();
    for (TestLine line : snapshot.lines()) {
      if (seen.add(line.testName())) {
        catalog.sink(line);
        catalog.test(line);
      }
    }
    for (ConfigError problem : catalog.problems()) {
      if (!found.contains(problem)) {
        found.add(problem);
      }
    }
    return found;
  }

  RunSummary runUntil(long endEpochMillis) {
    synchronized (this) {
      if (runner != null) {
        throw new IllegalStateException("a run is already under way on " + runner.getName());
      }
      runner = Thread.currentThread();
    }
    try {
      return run(context.nanosAt(endEpochMillis));
    } finally {
      synchronized (this) {
        runner = null;
      }
    }
  }

  private RunSummary run(long endNanos) {
    accounts.clear();
    totals.clear();
    long now = context.time.nanoTime();
    windowMinuteMillis = Math.floorDiv(context.time.wallMillis(), 60_000L) * 60_000L;
    windowStartNanos = context.nanosAt(windowMinuteMillis);
    configDirty = false;
    applyConfig(now);
    while (!stopRequested && !waker.interruptedFromOutside()) {
      now = context.time.nanoTime();
      if (context.pluginFailed) {
        sweepDisabled();
      }
      if (configDirty) {
        configDirty = false;
        applyConfig(now);
      }
      long windowEnd = windowStartNanos + WINDOW_NANOS;
      if (now >= windowEnd) {
        // A scheduler that wakes (or gets back from a slow start) after the window's end still
        // starts, late, what was due within the window: the minute's count is exact.
        for (TestRun run : runs.values()) {
          run.startDue(now);
        }
        endWindow();
        if (endNanos <= windowEnd) {
          break;
        }
        startNextWindow();
        continue;
      }
      if (now >= endNanos) {
        break;
      }
      long next = Math.min(endNanos, windowEnd);
      for (TestRun run : active()) {
        run.startDue(now);
        next = Math.min(next, run.nextDueNanos());
      }
      if (context.pluginFailed) {
        continue; // sweep the failed test out before sleeping
      }
      next = Math.min(next, reportEndedWindows(now));
      next = Math.min(next, checkDelivery(now));
      waker.sleepUntil(next);
    }
    boolean stopped = stopRequested || waker.interruptedFromOutside();
    finish(stopped);
    if (waker.interruptedFromOutside()) {
      Thread.currentThread().interrupt();
    }
    stopRequested = false;
    Map<String, TestSummary> tests = new LinkedHashMap<>();
    totals.forEach((name, t) -> tests.put(name, t.summary(accounts)));
    return new RunSummary(accounts, stopped, catalog.problems(), tests);
  }

  /** Stops, for the rest of the run, every test whose plugin failed; the others go on. */
  private void sweepDisabled() {
    context.pluginFailed = false;
    for (Iterator<TestRun> it = runs.values().iterator(); it.hasNext(); ) {
      TestRun run = it.next();
      String why = run.disabledBecause();
      if (why != null) {
        TestLine line = run.line();
        catalog.problem(new ConfigError(line.source(), line.line(), "test " + line.testName()
            + " disabled for the rest of the run, the other tests go on: " + why));
        run.sink().problem(new Problem(line.testName(), context.host, ErrorClass.INTERNAL, why,
            context.time.wallMillis()));
        stoppedBlind.add(line.testName());
        stopRun(run);
        it.remove();
        active = null;
      }
    }
  }

  private void applyConfig(long now) {
    ConfigSource.Snapshot snapshot;
    try {
      snapshot = configSource.read();
    } catch (RuntimeException e) {
      log.error("reading the configuration failed, keeping the tests running: {}", e.toString());
      return;
    }
    for (ConfigError error : snapshot.errors()) {
      if (reportedProblems.add(error.toString())) {
        log.error("{}", error);
      }
    }
    Map<String, TestLine> wanted = new LinkedHashMap<>();
    for (TestLine line : snapshot.lines()) {
      wanted.putIfAbsent(line.testName(), line);
    }
    for (Iterator<TestRun> it = runs.values().iterator(); it.hasNext(); ) {
      TestRun run = it.next();
      if (!wanted.containsKey(run.line().testName())) {
        log.info("{}: test {} removed, stopping it", run.line().where(), run.line().testName());
        stopRun(run);
        it.remove();
        active = null;
      }
    }
    for (TestLine line : wanted.values()) {
      if (!stoppedBlind.contains(line.testName())) {
        startOrUpdate(line, now);
      }
    }
  }

  private void startOrUpdate(TestLine line, long now) {
    TestRun existing = runs.get(line.testName());
    if (existing != null && existing.line().equals(line)) {
      return;
    }
    Catalog.Resolved<MetricsSink> sink = catalog.sink(line);
    Catalog.Resolved<PreparedTest> test = catalog.test(line);
    if (sink.value() == null || test.value() == null) {
      if (sink.value() != null && reportedProblems.add(line.testName() + "|" + test.error())) {
        sink.value().problem(new Problem(line.testName(), context.host, test.kind(),
            test.error().toString(), context.time.wallMillis()));
      }
      if (existing != null) {
        stopRun(existing);
        runs.remove(line.testName());
        active = null;
      }
      return;
    }
    if (existing != null) {
      log.info("{}: test {} changed, re-planning the rest of the minute", line.where(), line.testName());
      existing.update(line, test.value(), sink.value(), now);
      return;
    }
    TestRun run = new TestRun(context, line, test.value(), sink.value(),
        totals.computeIfAbsent(line.testName(), RunTotals::new));
    run.announceRate();
    // Planned from when the test is ready, not from before it was prepared: preparing (an HTTP
    // client, say) takes a good part of the start-up, and a plan from the earlier time would
    // find everything due meanwhile past its catch-up line and start it all at once.
    run.startWindow(windowStartNanos, WINDOW_NANOS, windowMinuteMillis, context.time.nanoTime());
    runs.put(line.testName(), run);
    active = null;
  }

  private TestRun[] active() {
    if (active == null) {
      active = runs.values().toArray(new TestRun[0]);
    }
    return active;
  }

  private void stopRun(TestRun run) {
    run.cancelAll();
    closing.add(new Closing(run.counters(), run.sink()));
  }

  private void endWindow() {
    for (TestRun run : runs.values()) {
      run.windowEnded();
      closing.add(new Closing(run.counters(), run.sink()));
    }
  }

  private void startNextWindow() {
    windowStartNanos += WINDOW_NANOS;
    windowMinuteMillis += 60_000L;
    for (TestRun run : runs.values()) {
      run.startWindow(windowStartNanos, WINDOW_NANOS, windowMinuteMillis, windowStartNanos);
    }
  }

  /**
   * Sends the accounts of windows whose executions have all ended (or whose drain time is over).
   * Returns when to look again.
   */
  private long reportEndedWindows(long now) {
    if (closing.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long next = Long.MAX_VALUE;
    for (Iterator<Closing> it = closing.iterator(); it.hasNext(); ) {
      Closing c = it.next();
      long deadline = c.counters().windowEndNanos + drainNanos;
      if (c.counters().inFlight.get() == 0 || now >= deadline) {
        report(c);
        it.remove();
      } else {
        next = Math.min(next, deadline);
      }
    }
    return next;
  }

  private void report(Closing c) {
    if (c.counters().markReported()) {
      MinuteAccount account = c.counters().account(context.host);
      accounts.add(account);
      c.sink().account(account);
    }
  }

  /** {@code metrics.required}: stops tests whose destination has failed too long. */
  private long checkDelivery(long now) {
    if (metricsRequiredAfter == null || runs.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (now >= nextHealthCheckNanos) {
      nextHealthCheckNanos = now + HEALTH_CHECK_NANOS;
      long wall = context.time.wallMillis();
      for (Iterator<TestRun> it = runs.values().iterator(); it.hasNext(); ) {
        TestRun run = it.next();
        MetricsSink.Health health = run.sink().health();
        if (health.failing() && wall - health.failingSinceMillis() > metricsRequiredAfter.toMillis()) {
          log.error("{}: stopping test {}: its destination has failed to deliver for {} s and"
              + " metrics.required is true; last error: {}", run.line().where(),
              run.line().testName(), (wall - health.failingSinceMillis()) / 1000, health.lastError());
          stoppedBlind.add(run.line().testName());
          stopRun(run);
          it.remove();
          active = null;
        }
      }
    }
    return nextHealthCheckNanos;
  }

  /** Drains (or, when stopped, cancels) what is in flight, sends accounts, flushes. */
  private void finish(boolean stopped) {
    long now = context.time.nanoTime();
    if (!stopped) {
      awaitIdle(now + drainNanos);
    }
    for (TestRun run : runs.values()) {
      run.cancelAll();
    }
    awaitIdle(context.time.nanoTime() + CANCEL_GRACE_NANOS);
    for (TestRun run : runs.values()) {
      run.abandonAll();
      closing.add(new Closing(run.counters(), run.sink()));
    }
    for (Closing c : closing) {
      report(c);
    }
    closing.clear();
    runs.clear();
    active = null;
    flushAll(catalog.openSinks());
  }

  /**
   * Flushes every sink at once, each on its own short-lived thread, so that one stalled metrics
   * server cannot eat the others' time; the whole takes at most {@link #FLUSH_BUDGET}.
   */
  private static void flushAll(List<MetricsSink> sinks) {
    List<Thread> flushing = new ArrayList<>();
    for (MetricsSink sink : sinks) {
      Thread thread = new Thread(() -> {
        try {
          if (!sink.flush(FLUSH_BUDGET)) {
            log.warn("a metrics destination did not deliver everything within {} ms: {}",
                FLUSH_BUDGET.toMillis(), sink.health().lastError());
          }
        } catch (RuntimeException e) { // the sink is guarded: only our own bug lands here
          log.warn("flushing a metrics destination failed: {}", e.toString());
        }
      }, "capacity-flush");
      thread.setDaemon(true);
      thread.start();
      flushing.add(thread);
    }
    // Real time, whatever the engine's clock: sinks flush against the real network.
    long deadline = System.nanoTime() + FLUSH_BUDGET.toNanos() + 100_000_000L;
    try {
      for (Thread thread : flushing) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (leftMillis > 0) {
          thread.join(leftMillis);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sleeps until nothing is in flight (the last completion wakes us) or the deadline. */
  private void awaitIdle(long deadlineNanos) {
    context.onIdle = waker::wake;
    try {
      while (context.totalInFlight.get() > 0 && context.time.nanoTime() < deadlineNanos
          && !waker.interruptedFromOutside()) {
        waker.sleepUntil(deadlineNanos);
      }
    } finally {
      context.onIdle = null;
    }
  }
}
