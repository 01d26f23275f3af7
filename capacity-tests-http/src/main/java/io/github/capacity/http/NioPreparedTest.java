package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prepared {@code http} definition on the project's own HTTP/1.1 client: one thread per
 * definition runs a non-blocking event loop over at most {@code max_connections} keep-alive
 * connections. An execution costs no thread and no hand-off: {@link #start} writes the request
 * bytes (built once per test name) on the caller's thread, at the planned instant, onto an idle
 * connection; the loop only wakes when the response arrives, parses it as it comes, and counts and
 * matches its body without keeping it. Used for cleartext URLs that do not follow redirects (see
 * {@link HttpTestType}); OkHttp serves the rest.
 *
 * <p>Behaves as {@link HttpPreparedTest} does: the same requests, outcomes, error classes and
 * timeouts, a pooled connection the server closed is replaced rather than reported, and cancel
 * reports {@code cancelled} at once. Thread safe: the connections and the queue are guarded by one
 * lock, taken by {@link Execution#cancel}, the resolver and the loop (never while the loop waits
 * in select); outcomes are delivered after the lock is released. {@link #start} never waits for
 * it: a start that finds the lock taken leaves its call to the holder, which sends it before it
 * lets go ({@link #dispatchIncoming}).
 */
final class NioPreparedTest implements PreparedTest {
  private static final Logger LOG = LoggerFactory.getLogger(NioPreparedTest.class);
  private static final long KEEP_IDLE_NANOS = TimeUnit.MINUTES.toNanos(HttpClients.KEEP_ALIVE_MINUTES);
  /** Request heads kept per test name; more names than this (unusual) build theirs per call. */
  private static final int MAX_CACHED_REQUESTS = 256;
  private static final int READ_BUFFER_BYTES = 16 * 1024;
  /**
   * How long {@link #expectRate} assumes a call keeps its connection, to open as many ahead as
   * the rate keeps busy; more open on demand, up to {@code max_connections}.
   */
  private static final double EXPECTED_SECONDS_PER_CALL = 0.005;

  private final HttpSpec spec;
  private final RequestBytes requestBytes;
  private final int maxConnections;
  private final boolean headRequest;
  private final long connectTimeout;
  private final long readTimeout;
  private final long writeTimeout;
  private final long callTimeout;
  /**
   * The longest the loop waits in select: the shortest timeout. A call started while it waits
   * cannot be due before it wakes, so starting one never needs to wake the loop.
   */
  private final long longestWait;
  private final Map<String, byte[]> requests = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Selector selector;
  private final Thread loop;
  private final Consumer<SelectionKey> onReady = this::ready;

  /** Starts handed in without waiting for the lock; see {@link #dispatchIncoming}. */
  private final ConcurrentLinkedQueue<NioCall> incoming = new ConcurrentLinkedQueue<>();

  // Guarded by lock.
  private final ReentrantLock lock = new ReentrantLock();
  private final List<NioConnection> connections = new ArrayList<>();
  private final ArrayDeque<NioConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<NioCall> waiting = new ArrayDeque<>();
  /** Connections opened ahead ({@link #expectRate}) and still connecting, with no call yet. */
  private final ArrayDeque<NioConnection> connectingAhead = new ArrayDeque<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  /** Calls whose outcome is decided, to deliver once the lock is released. */
  private ArrayList<NioCall> decided = new ArrayList<>();
  /** The loop's second list: it takes {@link #decided} in exchange, so a response allocates none. */
  private ArrayList<NioCall> loopSpare = new ArrayList<>();
  /** Whether a registration or interest changed outside the loop: select must start again. */
  private boolean selectorChanged;
  private ExecutorService resolver;

  /**
   * @param maxInFlight the engine's limit of executions in flight: no more connections than that
   *     are useful
   */
  NioPreparedTest(HttpSpec spec, int maxInFlight, String userAgent) {
    this.spec = spec;
    this.requestBytes = new RequestBytes(spec, userAgent);
    this.maxConnections = Math.min(Math.max(maxInFlight, 1), spec.maxConnections());
    this.headRequest = spec.method().equals("HEAD");
    this.connectTimeout = nanos(spec.connectTimeout());
    this.readTimeout = nanos(spec.readTimeout());
    this.writeTimeout = nanos(spec.writeTimeout());
    this.callTimeout = nanos(spec.callTimeout());
    long shortest = KEEP_IDLE_NANOS;
    for (long timeout : new long[] {connectTimeout, readTimeout, writeTimeout, callTimeout}) {
      if (timeout > 0) {
        shortest = Math.min(shortest, timeout);
      }
    }
    this.longestWait = shortest;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + spec.name(), e);
    }
    this.loop = new Thread(this::run, "capacity-http-" + spec.name());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public Execution start(String testName, Consumer<Outcome> whenDone) {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(whenDone, "whenDone");
    if (closed.get()) {
      whenDone.accept(Outcome.cancelled());
      return () -> {};
    }
    NioCall call = new NioCall(this, testName, request(testName), spec.bodyContains(), whenDone);
    incoming.add(call);
    dispatchIncoming();
    if (closed.get()) {
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
   */
  @Override
  public void expectRate(int executionsPerMinute) {
    if (closed.get() || executionsPerMinute < 60) {
      return;
    }
    int wanted = (int) Math.min(maxConnections,
        Math.max(1, Math.ceil(executionsPerMinute / 60.0 * EXPECTED_SECONDS_PER_CALL)));
    fromOutside(() -> {
      while (!closed.get() && connections.size() < wanted) {
        open(null);
      }
    });
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    cancelAll();
    selector.wakeup(); // the loop closes the connections and ends
  }

  /** Reports every call on a connection or waiting for one as cancelled. */
  private void cancelAll() {
    List<NioCall> cancelled = new ArrayList<>();
    lock.lock();
    try {
      for (NioConnection connection : connections) {
        if (connection.call != null) {
          cancelled.add(connection.call);
        }
      }
      cancelled.addAll(waiting);
      for (NioCall call; (call = incoming.poll()) != null; ) {
        cancelled.add(call);
      }
    } finally {
      lock.unlock();
    }
    for (NioCall call : cancelled) {
      if (call.claim()) {
        deliver(call, Outcome.cancelled());
      }
    }
  }

  private byte[] request(String testName) {
    byte[] cached = requests.get(testName);
    if (cached != null) {
      return cached;
    }
    byte[] built = requestBytes.build(testName);
    if (requests.size() < MAX_CACHED_REQUESTS) {
      requests.putIfAbsent(testName, built);
    }
    return built;
  }

  /** Runs {@code action} under the lock from a thread other than the loop, then delivers. */
  private void fromOutside(Runnable action) {
    lock.lock();
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
    unlockAndDeliver();
    dispatchIncoming();
  }

  /**
   * Dispatches the calls that {@link #start} queued, unless another thread holds the lock: then
   * that thread does, before it lets the lock go ({@link #dispatchIncomingLocked}), and looks
   * again after. So a start never waits for the event loop, which may be parsing a response or
   * descheduled while it holds the lock.
   */
  private void dispatchIncoming() {
    while (!incoming.isEmpty() && lock.tryLock()) {
      unlockAndDeliver();
    }
  }

  /**
   * Holding the lock: dispatches what {@link #start} queued and lets the lock go; then wakes the
   * loop if its interests changed and delivers the outcomes decided meanwhile, outside the lock.
   */
  private void unlockAndDeliver() {
    List<NioCall> outcomes;
    boolean wake;
    try {
      dispatchIncomingLocked();
      outcomes = takeDecided();
      wake = selectorChanged;
      selectorChanged = false;
    } finally {
      lock.unlock();
    }
    if (wake) {
      selector.wakeup();
    }
    deliverAll(outcomes);
  }

  /** Under the lock: sends or queues every call {@link #start} has handed in. */
  private void dispatchIncomingLocked() {
    for (NioCall call; (call = incoming.poll()) != null; ) {
      dispatch(call);
    }
  }

  private List<NioCall> takeDecided() {
    if (decided.isEmpty()) {
      return null;
    }
    List<NioCall> taken = decided;
    decided = new ArrayList<>();
    return taken;
  }

  /** The loop's {@link #takeDecided}: hands over the spare list, which it gets back by {@link #deliverFromLoop}. */
  private ArrayList<NioCall> takeDecidedOnLoop() {
    if (decided.isEmpty()) {
      return null;
    }
    ArrayList<NioCall> taken = decided;
    decided = loopSpare;
    loopSpare = null;
    return taken;
  }

  private void deliverFromLoop(ArrayList<NioCall> calls) {
    if (calls != null) {
      deliverAll(calls);
      calls.clear();
      loopSpare = calls;
    }
  }

  private void deliverAll(List<NioCall> calls) {
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        NioCall call = calls.get(i);
        deliver(call, call.outcome);
      }
    }
  }

  /** Reports {@code outcome} for {@code call}, which must have been claimed. Any thread, no lock. */
  void deliver(NioCall call, Outcome outcome) {
    if (!outcome.ok() && !ErrorClass.CANCELLED.equals(outcome.errorClass())) {
      LOG.debug("{} ({}): {}", call.testName, spec.name(), outcome.detail());
    }
    try {
      call.whenDone().accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("{}: the outcome's receiver failed", spec.name(), e);
    }
  }

  /** After a cancel: frees the call's connection or its place in the queue. Any thread. */
  void abandon(NioCall call) {
    if (!closed.get()) {
      fromOutside(() -> {
        if (!waiting.remove(call) && call.connection != null) {
          // The response is half read: the connection cannot carry another request.
          closeConnection(call.connection);
          call.connection = null;
          openForWaiting();
        }
      });
    }
  }

  // ---- the event loop ----

  private void run() {
    try {
      while (!closed.get()) {
        long now = System.nanoTime();
        long next;
        ArrayList<NioCall> outcomes;
        lock.lock();
        try {
          next = Math.min(expire(now), now + longestWait);
          dispatchIncomingLocked();
          outcomes = takeDecidedOnLoop();
          selectorChanged = false;
        } finally {
          lock.unlock();
        }
        deliverFromLoop(outcomes);
        dispatchIncoming();
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now + 999_999));
        selector.select(onReady, waitMillis);
        lock.lock();
        try {
          dispatchIncomingLocked();
          outcomes = takeDecidedOnLoop();
        } finally {
          lock.unlock();
        }
        deliverFromLoop(outcomes);
        dispatchIncoming();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("{}: the HTTP event loop failed; executions of this test are cancelled from now on", spec.name(), e);
    } finally {
      shutDown();
    }
  }

  private void shutDown() {
    closed.set(true);
    cancelAll();
    List<NioCall> outcomes;
    lock.lock();
    try {
      for (NioConnection connection : new ArrayList<>(connections)) {
        closeConnection(connection);
      }
      waiting.clear();
      if (resolver != null) {
        resolver.shutdownNow();
      }
      try {
        selector.close(); // under the lock: dispatch never registers with a closed selector
      } catch (IOException e) {
        LOG.debug("{}: closing the selector: {}", spec.name(), e.toString());
      }
      dispatchIncomingLocked(); // closed: each is reported cancelled
      outcomes = takeDecided();
    } finally {
      lock.unlock();
    }
    deliverAll(outcomes);
  }

  private void ready(SelectionKey key) {
    lock.lock();
    try {
      readyLocked(key);
      dispatchIncomingLocked();
    } finally {
      lock.unlock();
    }
  }

  private void readyLocked(SelectionKey key) {
    NioConnection connection = (NioConnection) key.attachment();
    try {
      if (!key.isValid() || connection.closed) {
        return;
      }
      if (key.isConnectable()) {
        finishConnect(connection);
        return;
      }
      if (key.isWritable()) {
        write(connection);
      }
      if (key.isReadable() && !connection.closed) {
        read(connection);
      }
    } catch (IOException e) {
      fail(connection, e);
    } catch (RuntimeException e) {
      LOG.warn("{}: unexpected error on a connection", spec.name(), e);
      fail(connection, new IOException("internal error: " + e, e));
    }
  }

  private void dispatch(NioCall call) {
    if (closed.get()) {
      report(call, Outcome.cancelled());
      return;
    }
    NioConnection connection = idle.pollFirst();
    if (connection != null) {
      send(connection, call);
    } else if ((connection = connectingAhead.pollFirst()) != null) {
      connection.call = call; // goes out as soon as it is connected
      call.connection = connection;
      startCallClock(call, System.nanoTime());
    } else if (connections.size() < maxConnections) {
      open(call);
    } else {
      waiting.addLast(call);
    }
  }

  /**
   * Opens a new connection for {@code call}, or ahead of calls when it is {@code null}: resolves
   * the host off the loop unless it is an address.
   */
  private void open(NioCall call) {
    NioConnection connection = new NioConnection(requestBytes.decodesGzip());
    connections.add(connection);
    long now = System.nanoTime();
    if (call != null) {
      connection.call = call;
      call.connection = connection;
      startCallClock(call, now);
    } else {
      connection.openedAhead = true;
      connectingAhead.add(connection);
    }
    connection.deadline = deadline(now, connectTimeout);
    String host = spec.url().host();
    if (isAddressLiteral(host)) {
      try {
        connection.addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        fail(connection, e);
        return;
      }
      connect(connection);
      return;
    }
    try {
      resolver().execute(() -> {
        try {
          InetAddress[] addresses = InetAddress.getAllByName(host);
          fromOutside(() -> {
            if (!connection.closed) {
              connection.addresses = addresses;
              connect(connection);
            }
          });
        } catch (UnknownHostException e) {
          fromOutside(() -> {
            if (!connection.closed) {
              fail(connection, e);
            }
          });
        }
      });
    } catch (RejectedExecutionException e) {
      fail(connection, new IOException("closed"));
    }
  }

  private ExecutorService resolver() {
    if (resolver == null) {
      resolver = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "capacity-http-" + spec.name() + "-dns");
        thread.setDaemon(true);
        return thread;
      });
    }
    return resolver;
  }

  private void connect(NioConnection connection) {
    try {
      SocketChannel channel = SocketChannel.open();
      connection.channel = channel;
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      connection.key = channel.register(selector, 0, connection);
      selectorChanged = true;
      InetAddress address = connection.addresses[connection.addressIndex];
      if (channel.connect(new InetSocketAddress(address, spec.url().port()))) {
        connected(connection);
      } else {
        connection.key.interestOps(SelectionKey.OP_CONNECT);
      }
    } catch (IOException e) {
      connectFailed(connection, e);
    }
  }

  private void finishConnect(NioConnection connection) {
    try {
      if (connection.channel.finishConnect()) {
        connected(connection);
      }
    } catch (IOException e) {
      connectFailed(connection, e);
    }
  }

  /** Tries the host's next address, as OkHttp tries its routes, or fails the call. */
  private void connectFailed(NioConnection connection, IOException e) {
    if (e instanceof ConnectException && connection.addressIndex + 1 < connection.addresses.length) {
      closeChannel(connection);
      connection.addressIndex++;
      connect(connection);
    } else {
      fail(connection, e);
    }
  }

  private void connected(NioConnection connection) throws IOException {
    connection.connecting = false;
    noLongerAhead(connection);
    NioCall call = connection.call;
    connection.key.interestOps(SelectionKey.OP_READ);
    if (call == null || call.reported()) {
      // Its call was cancelled while connecting: the fresh connection serves the next one.
      connection.call = null;
      becomeIdle(connection, System.nanoTime());
    } else {
      send(connection, call);
    }
  }

  private void send(NioConnection connection, NioCall call) {
    long now = System.nanoTime();
    startCallClock(call, now);
    call.connection = connection;
    connection.carry(call, headRequest);
    try {
      write(connection);
    } catch (IOException e) {
      fail(connection, e);
    }
  }

  private void write(NioConnection connection) throws IOException {
    ByteBuffer out = connection.out;
    if (out == null) {
      return;
    }
    connection.channel.write(out);
    long now = System.nanoTime();
    if (out.hasRemaining()) {
      connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      selectorChanged = true;
      connection.deadline = deadline(now, writeTimeout);
    } else {
      connection.out = null;
      if (connection.key.interestOps() != SelectionKey.OP_READ) {
        connection.key.interestOps(SelectionKey.OP_READ);
      }
      connection.deadline = deadline(now, readTimeout);
    }
  }

  private void read(NioConnection connection) throws IOException {
    ByteBuffer buffer = readBuffer;
    buffer.clear();
    int n = connection.channel.read(buffer);
    NioCall call = connection.call;
    if (call == null) {
      // An idle connection became readable: the server closed it (or sent what nobody asked for).
      closeConnection(connection);
      return;
    }
    if (n < 0) {
      connection.parser.endOfStream();
      complete(connection);
      return;
    }
    if (n == 0) {
      return;
    }
    buffer.flip();
    connection.deadline = connection.out == null ? deadline(System.nanoTime(), readTimeout) : connection.deadline;
    if (connection.parser.feed(buffer)) {
      boolean extraBytes = buffer.hasRemaining();
      complete(connection);
      if (extraBytes && !connection.closed) {
        closeConnection(connection); // bytes after the response: the stream cannot be trusted
      }
    }
  }

  private void complete(NioConnection connection) {
    NioCall call = connection.call;
    connection.call = null;
    call.connection = null;
    connection.served++;
    String decodingError = connection.decodingError();
    Outcome outcome = decodingError != null
        ? HttpOutcomes.failed(spec, ErrorClass.IO, connection.parser.status(), call.bytes, decodingError)
        : HttpOutcomes.response(spec, connection.parser.status(), call.bytes, call.matcher);
    boolean reusable = connection.parser.reusable() && connection.out == null && !closed.get();
    if (reusable) {
      becomeIdle(connection, System.nanoTime());
    } else {
      closeConnection(connection);
    }
    report(call, outcome);
    if (!reusable) {
      openForWaiting();
    }
  }

  /** Gives a free connection to the next waiting call, or keeps it for reuse. */
  private void becomeIdle(NioConnection connection, long now) {
    NioCall next = waiting.pollFirst();
    if (next != null) {
      send(connection, next);
    } else {
      connection.deadline = now + KEEP_IDLE_NANOS;
      idle.addFirst(connection);
    }
  }

  /** After a connection closed: a waiting call may open a new one. */
  private void openForWaiting() {
    while (!waiting.isEmpty() && connections.size() < maxConnections && !closed.get()) {
      open(waiting.pollFirst());
    }
  }

  /**
   * The connection failed. A request that went out on a pooled connection and got no byte back
   * goes out once more on a new one (the server had closed the connection while it sat idle);
   * otherwise the call fails with the error's class.
   */
  private void fail(NioConnection connection, IOException e) {
    NioCall call = connection.call;
    boolean connecting = connection.connecting;
    boolean stale = (connection.served > 0 || connection.openedAhead) && !connection.connecting
        && !connection.parser.started();
    closeConnection(connection);
    if (call != null) {
      call.connection = null;
      if (stale && !call.retried && !call.reported()) {
        call.retried = true;
        open(call);
      } else {
        int status = connection.parser.status();
        report(call, HttpOutcomes.failure(spec, e, connecting, status, status < 0 ? 0 : call.bytes));
      }
    }
    openForWaiting();
  }

  /** Fails the calls whose time ran out and closes idle connections kept too long; returns the next deadline. */
  private long expire(long now) {
    long next = Long.MAX_VALUE;
    for (int i = connections.size() - 1; i >= 0; i--) {
      if (i >= connections.size()) {
        continue; // a failure below closed more than one
      }
      NioConnection connection = connections.get(i);
      NioCall call = connection.call;
      long callDeadline = call == null ? Long.MAX_VALUE : call.deadline;
      if (connection.deadline <= now || callDeadline <= now) {
        if (call == null) {
          closeConnection(connection);
        } else {
          timedOut(connection, call, connection.deadline <= now);
        }
      } else {
        next = Math.min(next, Math.min(connection.deadline, callDeadline));
      }
    }
    return next;
  }

  private void timedOut(NioConnection connection, NioCall call, boolean phase) {
    boolean connecting = connection.connecting;
    String what = !phase ? "call timed out after " + millis(callTimeout)
        : connecting ? "connect timed out after " + millis(connectTimeout)
        : connection.out != null ? "write timed out after " + millis(writeTimeout)
        : "read timed out after " + millis(readTimeout);
    // A whole-call timeout while connecting is still a connect timeout, as OkHttp reports it.
    ErrorClass errorClass = connecting ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.TIMEOUT;
    int status = connection.parser.status();
    closeConnection(connection);
    call.connection = null;
    report(call, HttpOutcomes.failed(spec, errorClass, status, status < 0 ? 0 : call.bytes,
        "SocketTimeoutException: " + what));
    openForWaiting();
  }

  /** Decides {@code call}'s outcome, delivered once the lock is released. */
  private void report(NioCall call, Outcome outcome) {
    if (call.claim()) {
      call.outcome = outcome;
      decided.add(call);
    }
  }

  private void closeConnection(NioConnection connection) {
    if (connection.closed) {
      return;
    }
    connection.closed = true;
    connections.remove(connection);
    idle.remove(connection);
    noLongerAhead(connection);
    closeChannel(connection);
    selectorChanged = true; // the channel's descriptor is released when select runs again
    connection.releaseDecoder();
  }

  /** {@code connection} connected, closed or got a call: it is no longer one opened ahead. */
  private void noLongerAhead(NioConnection connection) {
    connectingAhead.remove(connection);
  }

  private static void closeChannel(NioConnection connection) {
    if (connection.channel != null) {
      try {
        connection.channel.close(); // also cancels its key
      } catch (IOException e) {
        LOG.debug("closing a connection: {}", e.toString());
      }
      connection.channel = null;
      connection.key = null;
    }
  }

  private void startCallClock(NioCall call, long now) {
    if (call.deadline == Long.MAX_VALUE) {
      call.deadline = deadline(now, callTimeout);
    }
  }

  private static long deadline(long now, long timeout) {
    return timeout == 0 ? Long.MAX_VALUE : now + timeout;
  }

  private static long nanos(Duration duration) {
    return duration.toNanos();
  }

  private static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  /** An IPv4 or IPv6 literal, which resolves without a lookup (OkHttp's URL keeps IPv6 bare). */
  private static boolean isAddressLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
