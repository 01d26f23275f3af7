package io.github.capacity.http;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TimeSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A prepared {@code http} definition on the project's own HTTP/1.1 client: one thread per
 * definition runs a non-blocking event loop ({@link NioLoop}) over at most {@code
 * max_connections} keep-alive connections ({@link NioPool}). An execution costs no thread and no
 * hand-off: {@link #start} writes the request head (built once per test name) and the shared body
 * on the caller's thread, at the planned instant, onto an idle connection; the loop only wakes
 * when the response arrives, parses it as it comes, and counts and matches its body without
 * keeping it ({@link NioExchange}). Used for cleartext URLs that do not follow redirects (see
 * {@link HttpTestType}); OkHttp serves the rest, with the same requests, outcomes, error classes
 * and timeouts. Deadlines are read from the context's {@link TimeSource}. Thread safe.
 *
 * <p>A call that finds every connection busy waits for one, but no longer than its slot (the
 * interval between executions at the rate {@link #expectRate} announced, at least {@link
 * #MIN_WAIT_NANOS}): a target that stalls and recovers must not get the waiting calls back to
 * back, so those are dropped (reported with the error class {@code dropped}), not sent late.
 */
final class NioClient implements PreparedTest {
  private static final long KEEP_IDLE_NANOS = TimeUnit.MINUTES.toNanos(HttpSpec.KEEP_ALIVE_MINUTES);
  /** Request heads kept per test name; more names than this (unusual) build theirs per call. */
  private static final int MAX_CACHED_REQUESTS = 256;
  /**
   * How long {@link #expectRate} assumes a call keeps its connection, to open as many ahead as
   * the rate keeps busy; more open on demand, up to {@code max_connections}.
   */
  private static final double EXPECTED_SECONDS_PER_CALL = 0.005;
  /**
   * The shortest wait for a connection allowed, however fast the rate: calls that waited up to
   * this long go out together when a connection frees, at most twice the plan in such a window
   * (the catch-up cap at the millisecond scale), while a scheduling hiccup of a loaded host drops
   * nothing.
   */
  static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final HttpSpec spec;
  private final RequestBytes requestBytes;
  private final Map<String, byte[]> heads = new ConcurrentHashMap<>();
  private final NioLoop loop;
  private final NioPool pool;
  private final NioExchange exchange;
  /** The highest rate announced, executions per minute: its interval is a waiting call's slot. */
  private int highestRate;

  /**
   * @param maxInFlight the engine's limit of executions in flight: no more connections than that
   *     are useful
   */
  NioClient(HttpSpec spec, int maxInFlight, String userAgent, TimeSource time) {
    this.spec = spec;
    this.requestBytes = new RequestBytes(spec, userAgent);
    this.pool = new NioPool(Math.min(Math.max(maxInFlight, 1), spec.maxConnections()), KEEP_IDLE_NANOS);
    this.loop = new NioLoop(spec.name(), time, shortestTimeout(spec));
    this.exchange = new NioExchange(spec, requestBytes, loop, pool);
    loop.start(exchange);
  }

  /**
   * The shortest timeout: the longest the loop needs to wait in select, since a call started
   * while it waits cannot be due before it wakes.
   */
  private static long shortestTimeout(HttpSpec spec) {
    long shortest = KEEP_IDLE_NANOS;
    for (var timeout : List.of(spec.connectTimeout(), spec.readTimeout(), spec.writeTimeout(), spec.callTimeout())) {
      if (!timeout.isZero()) {
        shortest = Math.min(shortest, timeout.toNanos());
      }
    }
    return shortest;
  }

  @Override
  public Execution start(String testName, Consumer<Outcome> whenDone) {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(whenDone, "whenDone");
    if (loop.closed()) {
      whenDone.accept(Outcome.cancelled());
      return () -> {};
    }
    NioCall call = new NioCall(this, testName, head(testName), spec.bodyContains(), whenDone);
    loop.hand(call);
    if (loop.closed()) {
      call.cancel(); // close() ran while this was being added
    }
    return call;
  }

  /**
   * Opens, without waiting, as many connections as {@code executionsPerMinute} keeps busy at a
   * few milliseconds a call (at least one from one a second on, at most {@code max_connections}).
   * The first executions go out on them as they connect, and the pacer's thread does not run the
   * cold code that opens sockets in the first milliseconds of the minute: that stalled it for
   * milliseconds, each stall a burst of starts behind it. Slower lines open theirs on demand.
   *
   * <p>The highest rate announced also sets how long a call may wait for a connection: one
   * interval between executions at that rate. With several lines naming the test, the fastest
   * one's interval applies to all: the target sees at least its rate.
   */
  @Override
  public void expectRate(int executionsPerMinute) {
    if (loop.closed() || executionsPerMinute < 1) {
      return;
    }
    int wanted = executionsPerMinute < 60 ? 0 : (int) Math.min(pool.maxConnections,
        Math.max(1, Math.ceil(executionsPerMinute / 60.0 * EXPECTED_SECONDS_PER_CALL)));
    loop.fromOutside(() -> {
      if (executionsPerMinute > highestRate) {
        highestRate = executionsPerMinute;
        exchange.slotNanos = slotNanos(executionsPerMinute);
      }
      while (!loop.closed() && pool.connections.size() < wanted) {
        exchange.open(null);
      }
    });
  }

  /** How long a call may wait for a connection at {@code executionsPerMinute}. */
  static long slotNanos(int executionsPerMinute) {
    return Math.max(MIN_WAIT_NANOS, TimeUnit.MINUTES.toNanos(1) / executionsPerMinute);
  }

  @Override
  public void close() {
    if (!loop.close()) {
      return;
    }
    // Reported cancelled at once, here; the loop, woken, ends and closes what is left.
    loop.fromOutside(exchange::closeAll);
  }

  /** For tests on a fake clock: the loop looks at its deadlines again now. */
  void wakeUp() {
    loop.wakeUp();
  }

  /** Reports {@code outcome} for {@code call}, which must have been claimed. Any thread, no lock. */
  void deliver(NioCall call, Outcome outcome) {
    loop.deliver(call, outcome);
  }

  /** After a cancel: frees the call's connection or its place in the queue. Any thread. */
  void abandon(NioCall call) {
    if (!loop.closed()) {
      loop.fromOutside(() -> exchange.abandon(call));
    }
  }

  private byte[] head(String testName) {
    byte[] cached = heads.get(testName);
    if (cached != null) {
      return cached;
    }
    byte[] built = requestBytes.head(testName);
    if (heads.size() < MAX_CACHED_REQUESTS) {
      heads.putIfAbsent(testName, built);
    }
    return built;
  }
}
