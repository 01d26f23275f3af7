package io.github.capacity.core;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.Problem;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.TestLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>About 400 lines, above the usual size, because it holds the one thing that must not be
 * shared: the scheduler thread's state (the running tests, the window, what is held). What can
 * be decided apart is: what a new configuration changes ({@link LineChanges}), the accounts of
 * ended windows ({@link ClosingWindows}), the end of a run ({@link Drain}), {@code
 * metrics.required} ({@link BlindWatch}), guardrails ({@code Guardrails}) and the plan ({@code
 * Schedule}).
 */
final class MinuteLoop {
  private static final Logger log = LoggerFactory.getLogger(MinuteLoop.class);
  static final long WINDOW_NANOS = 60_000_000_000L;
  private static final long CANCEL_GRACE_NANOS = 200_000_000L;
  /** How late after a window's end its due executions may still start (scheduler jitter). */
  static final long LATE_START_GRACE_NANOS = 100_000_000L;

  private final RunContext context;
  private final Catalog catalog;
  private final ConfigSource configSource;
  private final long drainNanos;
  private final BlindWatch blindWatch;
  private final Waker waker;
  private final Drain drain;

  private volatile boolean configDirty;
  /** The snapshot {@link #configChanged()} read, for the scheduler to apply; null: read it. */
  private final java.util.concurrent.atomic.AtomicReference<ConfigSource.Snapshot> readAhead =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile boolean stopRequested;
  private Thread runner;

  // Scheduler thread only.
  private final Map<String, TestRun> runs = new LinkedHashMap<>();
  /** The values of {@link #runs}, for the loop's every wake; null when runs changed since. */
  private TestRun[] active;
  private final ClosingWindows closing;
  private final Set<String> reportedProblems = new HashSet<>();
  /** Tests stopped for the rest of the run: blind ({@code metrics.required}) or disabled. */
  private final Set<String> stoppedBlind = new HashSet<>();
  /** Each test's totals over the run, by name. */
  private final Map<String, RunTotals> totals = new LinkedHashMap<>();
  private long windowStartNanos;
  private long windowMinuteMillis;
  private boolean configApplied;

  MinuteLoop(RunContext context, Catalog catalog, ConfigSource configSource, Duration drainTimeout,
      Duration metricsRequiredAfter) {
    this.context = context;
    this.catalog = catalog;
    this.configSource = configSource;
    this.drainNanos = drainTimeout.toNanos();
    this.blindWatch = new BlindWatch(metricsRequiredAfter);
    this.waker = context.waker;
    this.drain = new Drain(context);
    this.closing = new ClosingWindows(context.host, drainNanos);
    context.guardrails.onTrip(waker::wake);
  }

  long wallMillis() {
    return context.time.wallMillis();
  }

  /**
   * Reads the configuration on the caller's thread (the file watcher's), not the scheduler's: a
   * slow file system (NFS, a disk under load) then delays the change, never the paced starts.
   */
  void configChanged() {
    ConfigSource.Snapshot snapshot;
    try {
      snapshot = configSource.read();
    } catch (RuntimeException e) {
      snapshot = null; // the scheduler reads it again and says why
    }
    readAhead.set(snapshot);
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
    closing.startRun();
    totals.clear();
    long now = context.time.nanoTime();
    windowMinuteMillis = Math.floorDiv(context.time.wallMillis(), 60_000L) * 60_000L;
    windowStartNanos = context.nanosAt(windowMinuteMillis);
    configDirty = false;
    readAhead.set(null); // read afresh at the start
    configApplied = false;
    applyConfig(now);
    configApplied = true; // from now on, a test that appears was added by a new or changed file
    while (!stopRequested && !waker.interruptedFromOutside()) {
      now = context.time.nanoTime();
      if (context.pluginFailed) {
        sweepDisabled();
      }
      if (configDirty) {
        configDirty = false;
        applyConfig(now);
      }
      for (String tripped : context.guardrails.tripped()) {
        stopTripped(tripped);
      }
      long windowEnd = windowStartNanos + WINDOW_NANOS;
      if (now >= windowEnd) {
        // A scheduler that wakes (or gets back from a slow start) just after the window's end
        // still starts, late, what was due within the window: the minute's count is exact. One
        // that gets back much later (the process was stopped, the host starved) starts nothing:
        // what was due is counted as skipped, never fired in a burst into the next minute.
        if (now - windowEnd < LATE_START_GRACE_NANOS) {
          for (TestRun run : runs.values()) {
            run.startDue(now);
          }
        } else if (!runs.isEmpty()) {
          log.warn("the scheduler got back {} ms after the end of minute {} (the process was stopped"
              + " or starved); what was still due is counted as skipped", (now - windowEnd) / 1_000_000,
              java.time.Instant.ofEpochMilli(windowMinuteMillis));
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
      next = Math.min(next, closing.reportEnded(now));
      next = Math.min(next,
          blindWatch.check(now, context.time.wallMillis(), active(), this::stopBlind));
      waker.sleepUntil(next);
    }
    boolean stopped = stopRequested || waker.interruptedFromOutside();
    finish(stopped);
    if (waker.interruptedFromOutside()) {
      Thread.currentThread().interrupt();
    }
    stopRequested = false;
    List<MinuteAccount> accounts = closing.reported();
    Map<String, TestSummary> tests = new LinkedHashMap<>();
    totals.forEach((name, t) -> tests.put(name, t.summary(accounts)));
    return new RunSummary(accounts, stopped, catalog.problems(), tests);
  }

  /** Stops, for the rest of the run, every test whose plugin failed; the others go on. */
  private void sweepDisabled() {
    context.pluginFailed = false;
    VirtualMachineError fatal = context.fatal;
    if (fatal != null) {
      context.fatal = null;
      throw fatal; // as if start() had thrown it on this thread
    }
    for (TestRun run : active()) {
      String why = run.disabledBecause();
      if (why != null) {
        TestLine line = run.line();
        catalog.problem(new ConfigError(line.source(), line.line(), "test " + line.testName()
            + " disabled for the rest of the run, the other tests go on: " + why));
        run.sink().problem(new Problem(line.testName(), context.host, ErrorClass.INTERNAL, why,
            context.time.wallMillis()));
        stoppedBlind.add(line.testName());
        stopRun(removeRun(line.testName()));
      }
    }
  }

  private void applyConfig(long now) {
    ConfigSource.Snapshot snapshot = readAhead.getAndSet(null);
    try {
      if (snapshot == null) {
        snapshot = configSource.read();
      }
    } catch (RuntimeException e) {
      log.error("reading the configuration failed, keeping the tests running: {}", e.toString());
      return;
    }
    for (ConfigError error : snapshot.errors()) {
      if (reportedProblems.add(error.toString())) {
        log.error("{}", error);
      }
    }
    Set<String> held = context.guardrails.held(snapshot.lines());
    for (String tripped : held) {
      stopTripped(tripped); // a trip record can appear for a test that runs
    }
    held.addAll(stoppedBlind);
    List<TestLine> running = new ArrayList<>(runs.size());
    for (TestRun run : runs.values()) {
      running.add(run.line());
    }
    LineChanges changes = LineChanges.between(running, snapshot.lines(), held);
    for (TestLine line : changes.removed()) {
      log.info("{}: test {} removed, stopping it", line.where(), line.testName());
      stopRun(removeRun(line.testName()));
    }
    for (TestLine line : changes.started()) {
      start(line, now);
    }
    for (TestLine line : changes.changed()) {
      update(line, now);
    }
  }

  /** Stops a test its guardrail tripped, as if its line were removed. */
  private void stopTripped(String testName) {
    TestRun run = removeRun(testName);
    if (run != null) {
      stopRun(run);
    }
  }

  private void start(TestLine line, long now) {
    Catalog.Resolved<MetricsSink> sink = catalog.sink(line);
    Catalog.Resolved<PreparedTest> test = catalog.test(line);
    if (!resolved(line, sink, test)) {
      return;
    }
    if (configApplied) {
      log.info("{}: test {} added, starting it at {} a minute", line.where(), line.testName(),
          line.frequency());
    } else {
      log.info("{}: test {} starting at {} a minute", line.where(), line.testName(), line.frequency());
    }
    TestRun run = new TestRun(context, line, test.value(), sink.value(),
        totals.computeIfAbsent(line.testName(), RunTotals::new));
    run.announceRate();
    // Planned from when the test is ready, not from before it was prepared: preparing (an HTTP
    // client, say) takes a good part of the start-up, and a plan from the earlier time would
    // find everything due meanwhile past its catch-up line and start it all at once.
    run.startWindow(windowStartNanos, WINDOW_NANOS, windowMinuteMillis, context.time.nanoTime());
    addRun(run);
  }

  private void update(TestLine line, long now) {
    Catalog.Resolved<MetricsSink> sink = catalog.sink(line);
    Catalog.Resolved<PreparedTest> test = catalog.test(line);
    if (!resolved(line, sink, test)) {
      stopRun(removeRun(line.testName())); // its new definition cannot run: stop the old one
      return;
    }
    log.info("{}: test {} changed, re-planning the rest of the minute", line.where(), line.testName());
    runs.get(line.testName()).update(line, test.value(), sink.value(), now);
  }

  /** Whether both resolved; if not, the problem goes once to the destination when there is one. */
  private boolean resolved(TestLine line, Catalog.Resolved<MetricsSink> sink,
      Catalog.Resolved<PreparedTest> test) {
    if (sink.value() != null && test.value() != null) {
      return true;
    }
    if (sink.value() != null && reportedProblems.add(line.testName() + "|" + test.error())) {
      sink.value().problem(new Problem(line.testName(), context.host, test.kind(),
          test.error().toString(), context.time.wallMillis()));
    }
    return false;
  }

  // Every change of runs goes through these two, so the array the loop walks is never stale.
  private void addRun(TestRun run) {
    runs.put(run.line().testName(), run);
    active = null;
  }

  private TestRun removeRun(String testName) {
    active = null;
    return runs.remove(testName);
  }

  private TestRun[] active() {
    if (active == null) {
      active = runs.values().toArray(new TestRun[0]);
    }
    return active;
  }

  private void stopRun(TestRun run) {
    run.retire();
    run.cancelAll();
    closing.close(run);
  }

  private void endWindow() {
    for (TestRun run : runs.values()) {
      run.windowEnded();
      closing.close(run);
    }
  }

  private void startNextWindow() {
    windowStartNanos += WINDOW_NANOS;
    windowMinuteMillis += 60_000L;
    configDirty |= context.guardrails.holdsAny(); // a trip may have ended: look at each minute
    for (TestRun run : runs.values()) {
      run.startWindow(windowStartNanos, WINDOW_NANOS, windowMinuteMillis, windowStartNanos);
    }
  }

  /** Stops, for the rest of the run, a test whose destination failed too long. */
  private void stopBlind(TestRun run) {
    stoppedBlind.add(run.line().testName());
    stopRun(removeRun(run.line().testName()));
  }

  /** Drains (or, when stopped, cancels) what is in flight, sends accounts, flushes. */
  private void finish(boolean stopped) {
    long now = context.time.nanoTime();
    if (!stopped) {
      drain.awaitIdle(now + drainNanos);
    }
    for (TestRun run : runs.values()) {
      run.cancelAll();
    }
    drain.awaitIdle(context.time.nanoTime() + CANCEL_GRACE_NANOS);
    for (TestRun run : runs.values()) {
      run.abandonAll();
      run.retire();
      closing.close(run);
    }
    closing.reportAll();
    runs.clear();
    active = null;
    Drain.flushAll(catalog.openSinks());
  }
}
