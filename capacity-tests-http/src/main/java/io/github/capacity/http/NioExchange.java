package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges of a {@link NioClient} over its {@link NioPool}: which connection a call gets
 * (connected by {@link NioConnector}), sending a request, reading its response, and deciding the
 * outcome of a response, failure, timeout or drop. A request that went out on a reused connection and got no
 * byte back, or only a 408 the server sent as it closed the idle connection, goes out once more on
 * a new connection. Runs under the loop's lock, on the loop's thread or a starting one.
 *
 * <p>Over 300 lines for a reason: every way a call ends (response, failure, stale retry, timeout,
 * drop, cancel) frees or keeps its connection and may let a waiting call go; kept in one class,
 * that bookkeeping is read in one place.
 */
final class NioExchange implements NioLoop.Driven, NioPool.Expiry, NioConnector.Events {
  private static final Logger LOG = LoggerFactory.getLogger(NioExchange.class);
  private static final int READ_BUFFER_BYTES = 16 * 1024;

  private final HttpSpec spec;
  private final NioLoop loop;
  private final NioPool pool;
  private final HttpBody body;
  private final boolean decodesGzip;
  private final boolean headRequest;
  private final long connectTimeout;
  private final long readTimeout;
  private final long writeTimeout;
  private final long callTimeout;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  /** How long a call may wait for a connection before it is dropped; see {@link NioClient#expectRate}. */
  long slotNanos = Long.MAX_VALUE;
  private final NioConnector connector;

  NioExchange(HttpSpec spec, RequestBytes request, NioLoop loop, NioPool pool) {
    this.spec = spec;
    this.loop = loop;
    this.pool = pool;
    this.body = request.body();
    this.decodesGzip = request.decodesGzip();
    this.headRequest = spec.method().equals("HEAD");
    this.connectTimeout = spec.connectTimeout().toNanos();
    this.readTimeout = spec.readTimeout().toNanos();
    this.writeTimeout = spec.writeTimeout().toNanos();
    this.callTimeout = spec.callTimeout().toNanos();
    this.connector = new NioConnector(spec, loop, this);
  }

  @Override
  public void dispatch(NioCall call) {
    if (loop.closed()) {
      loop.report(call, Outcome.cancelled());
      return;
    }
    NioConnection connection = pool.idle.pollFirst();
    if (connection != null) {
      send(connection, call);
    } else if ((connection = pool.connectingAhead.pollFirst()) != null) {
      connection.call = call; // goes out as soon as it is connected
      call.connection = connection;
      startCallClock(call, loop.nanoTime());
    } else if (pool.canOpen()) {
      open(call);
    } else {
      pool.await(call, loop.nanoTime(), slotNanos);
    }
  }

  @Override
  public long expire(long now) {
    return pool.expire(now, this);
  }

  /** Reports every call on a connection or waiting for one as cancelled, and closes the connections. */
  @Override
  public void closeAll() {
    for (NioConnection connection : new ArrayList<>(pool.connections)) {
      if (connection.call != null) {
        loop.report(connection.call, Outcome.cancelled());
      }
      closeConnection(connection);
    }
    for (NioCall call : pool.waiting) {
      loop.report(call, Outcome.cancelled());
    }
    pool.waiting.clear();
    connector.shutDown();
  }

  /** After a cancel: frees the call's connection or its place in the queue. */
  void abandon(NioCall call) {
    if (!pool.waiting.remove(call) && call.connection != null) {
      // The response is half read: the connection cannot carry another request.
      closeConnection(call.connection);
      call.connection = null;
      openForWaiting();
    }
  }

  /**
   * Opens a new connection for {@code call}, or ahead of calls when it is {@code null}: resolves
   * the host off the loop unless it is an address.
   */
  void open(NioCall call) {
    NioConnection connection = new NioConnection(decodesGzip);
    pool.connections.add(connection);
    long now = loop.nanoTime();
    if (call != null) {
      connection.call = call;
      call.connection = connection;
      startCallClock(call, now);
    } else {
      connection.openedAhead = true;
      pool.connectingAhead.add(connection);
    }
    connection.deadline = deadline(now, connectTimeout);
    connector.start(connection);
  }

  @Override
  public void ready(SelectionKey key) {
    NioConnection connection = (NioConnection) key.attachment();
    try {
      if (!key.isValid() || connection.closed) {
        return;
      }
      if (key.isConnectable()) {
        connector.finishConnect(connection);
        return;
      }
      if (key.isWritable()) {
        write(connection);
      }
      if (key.isReadable() && !connection.closed) {
        read(connection);
      }
    } catch (IOException e) {
      failed(connection, e);
    } catch (RuntimeException e) {
      LOG.warn("{}: unexpected error on a connection", spec.name(), e);
      failed(connection, new IOException("internal error: " + e, e));
    }
  }

  @Override
  public void connected(NioConnection connection) throws IOException {
    connection.connecting = false;
    pool.connectingAhead.remove(connection);
    NioCall call = connection.call;
    connection.key.interestOps(SelectionKey.OP_READ);
    if (call == null || call.reported()) {
      // Its call was cancelled while connecting: the fresh connection serves the next one.
      connection.call = null;
      becomeIdle(connection, loop.nanoTime());
    } else {
      send(connection, call);
    }
  }

  private void send(NioConnection connection, NioCall call) {
    startCallClock(call, loop.nanoTime());
    call.connection = connection;
    connection.carry(call, body, headRequest);
    try {
      write(connection);
    } catch (IOException e) {
      failed(connection, e);
    }
  }

  private void write(NioConnection connection) throws IOException {
    if (!connection.sending()) {
      return;
    }
    long now = loop.nanoTime(); // before the bytes go: the server may answer before this thread goes on
    boolean sent = connection.writeSome();
    if (!sent) {
      connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      loop.changed();
      connection.deadline = deadline(now, writeTimeout);
    } else {
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
      // An idle connection became readable: the server closed it, or sent what nobody asked
      // for (a 408 as it gave up on the idle connection, say), which is never read as a response.
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
    if (!connection.sending()) {
      connection.deadline = deadline(loop.nanoTime(), readTimeout);
    }
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
    int status = connection.parser.status();
    if (status == 408 && connection.reused() && !call.retried) {
      // The server gave up on the idle connection and said so as our request crossed it.
      retryOnNewConnection(connection, call);
      return;
    }
    connection.call = null;
    call.connection = null;
    connection.served++;
    String decodingError = connection.decodingError();
    Outcome outcome = decodingError != null
        ? HttpOutcomes.failed(spec, ErrorClass.IO, status, call.bytes, decodingError)
        : HttpOutcomes.response(spec, status, call.bytes, call.matcher);
    boolean reusable = connection.parser.reusable() && !connection.sending() && !loop.closed();
    if (reusable) {
      becomeIdle(connection, loop.nanoTime());
    } else {
      closeConnection(connection);
    }
    loop.report(call, outcome);
    if (!reusable) {
      openForWaiting();
    }
  }

  private void retryOnNewConnection(NioConnection connection, NioCall call) {
    closeConnection(connection);
    call.connection = null;
    call.retried = true;
    call.bytes = 0;
    open(call);
  }

  /** Gives a free connection to the next waiting call, or keeps it for reuse. */
  private void becomeIdle(NioConnection connection, long now) {
    NioCall next = pool.waiting.pollFirst();
    if (next != null) {
      send(connection, next);
    } else {
      pool.keepIdle(connection, now);
    }
  }

  /** After a connection closed: a waiting call may open a new one. */
  private void openForWaiting() {
    while (!pool.waiting.isEmpty() && pool.canOpen() && !loop.closed()) {
      open(pool.waiting.pollFirst());
    }
  }

  /**
   * The connection failed. A request that went out on a reused connection and got no response
   * back goes out once more on a new one (the server had closed the connection while it sat
   * idle); otherwise the call fails with the error's class.
   */
  @Override
  public void failed(NioConnection connection, IOException e) {
    NioCall call = connection.call;
    boolean connecting = connection.connecting;
    // No byte back, or bytes that are no status line (what the server sent while the connection
    // sat idle, or left after the previous response): the connection was stale, not the target.
    boolean stale = connection.reused() && !connecting && (!connection.parser.started()
        || (e instanceof ProtocolException && connection.parser.status() < 0));
    if (call != null && stale && !call.retried && !call.reported()) {
      retryOnNewConnection(connection, call);
      openForWaiting();
      return;
    }
    closeConnection(connection);
    if (call != null) {
      call.connection = null;
      int status = connection.parser.status();
      loop.report(call, HttpOutcomes.failure(spec, e, connecting, status, status < 0 ? 0 : call.bytes));
    }
    openForWaiting();
  }

  @Override
  public void timedOut(NioConnection connection, NioCall call, boolean phase) {
    boolean connecting = connection.connecting;
    String what = !phase ? "call timed out after " + millis(callTimeout)
        : connecting ? "connect timed out after " + millis(connectTimeout)
        : connection.sending() ? "write timed out after " + millis(writeTimeout)
        : "read timed out after " + millis(readTimeout);
    // A whole-call timeout while connecting is still a connect timeout, as OkHttp reports it.
    ErrorClass errorClass = connecting ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.TIMEOUT;
    int status = connection.parser.status();
    closeConnection(connection);
    call.connection = null;
    loop.report(call, HttpOutcomes.failed(spec, errorClass, status, status < 0 ? 0 : call.bytes,
        "SocketTimeoutException: " + what));
    openForWaiting();
  }

  @Override
  public void idleExpired(NioConnection connection) {
    closeConnection(connection);
  }

  @Override
  public void dropped(NioCall call) {
    loop.report(call, HttpOutcomes.dropped(slotNanos));
  }

  private void closeConnection(NioConnection connection) {
    if (connection.closed) {
      return;
    }
    connection.closed = true;
    pool.remove(connection);
    connection.closeChannel();
    loop.changed(); // the channel's descriptor is released when select runs again
    connection.releaseDecoder();
  }

  private void startCallClock(NioCall call, long now) {
    if (call.deadline == Long.MAX_VALUE) {
      call.deadline = deadline(now, callTimeout);
    }
  }

  private static long deadline(long now, long timeout) {
    return timeout == 0 ? Long.MAX_VALUE : now + timeout;
  }

  private static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }
}
