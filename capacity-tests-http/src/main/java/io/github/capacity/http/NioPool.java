package io.github.capacity.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The connections of a {@link NioClient} and the calls waiting for one: which connection a call
 * gets, and when each deadline falls due. {@link #expire} is a pure function of {@code now} (as
 * OkHttp's {@code RealConnectionPool.cleanup(now)}): it tells the caller what ran out and returns
 * when to look again, so every timeout is tested without waiting. Guarded by the loop's lock.
 */
final class NioPool {
  /** What {@link #expire} found; implemented by the exchange, which does the I/O. */
  interface Expiry {
    /**
     * {@code call}'s time ran out on {@code connection}: the current phase's ({@code phase},
     * connect, write or read) or the whole call's.
     */
    void timedOut(NioConnection connection, NioCall call, boolean phase);

    /** {@code connection} was idle for the keep-alive time (or never got its call). */
    void idleExpired(NioConnection connection);

    /** {@code call} waited for a connection longer than its slot: it is dropped, not sent late. */
    void dropped(NioCall call);
  }

  final List<NioConnection> connections = new ArrayList<>();
  /** Connections free for a call, most recently used first. */
  final ArrayDeque<NioConnection> idle = new ArrayDeque<>();
  /** Calls waiting for a connection, in arrival order. */
  final ArrayDeque<NioCall> waiting = new ArrayDeque<>();
  /** Connections opened ahead ({@code expectRate}) and still connecting, with no call yet. */
  final ArrayDeque<NioConnection> connectingAhead = new ArrayDeque<>();
  final int maxConnections;
  final long keepIdleNanos;

  NioPool(int maxConnections, long keepIdleNanos) {
    this.maxConnections = maxConnections;
    this.keepIdleNanos = keepIdleNanos;
  }

  boolean canOpen() {
    return connections.size() < maxConnections;
  }

  /** A call's connection will wait until it is free: it is due for a drop after {@code slotNanos}. */
  void await(NioCall call, long now, long slotNanos) {
    call.dropAt = slotNanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + slotNanos;
    waiting.addLast(call);
  }

  /** Keeps {@code connection} for reuse until the keep-alive time runs out. */
  void keepIdle(NioConnection connection, long now) {
    connection.deadline = now + keepIdleNanos;
    idle.addFirst(connection);
  }

  /** Forgets {@code connection}, which was closed. */
  void remove(NioConnection connection) {
    connections.remove(connection);
    idle.remove(connection);
    connectingAhead.remove(connection);
  }

  /**
   * Reports to {@code expiry} every deadline at or before {@code now}: calls whose phase or whole
   * time ran out, idle connections kept long enough, waiting calls past their slot. Returns the
   * next deadline, or {@link Long#MAX_VALUE} when there is none.
   */
  long expire(long now, Expiry expiry) {
    long next = Long.MAX_VALUE;
    for (Iterator<NioCall> it = waiting.iterator(); it.hasNext(); ) {
      NioCall call = it.next();
      if (call.dropAt <= now) {
        it.remove();
        expiry.dropped(call);
      } else {
        next = Math.min(next, call.dropAt);
      }
    }
    for (int i = connections.size() - 1; i >= 0; i--) {
      if (i >= connections.size()) {
        continue; // a failure below closed more than one
      }
      NioConnection connection = connections.get(i);
      NioCall call = connection.call;
      long callDeadline = call == null ? Long.MAX_VALUE : call.deadline;
      if (connection.deadline <= now || callDeadline <= now) {
        if (call == null) {
          expiry.idleExpired(connection);
        } else {
          expiry.timedOut(connection, call, connection.deadline <= now);
        }
      } else {
        next = Math.min(next, Math.min(connection.deadline, callDeadline));
      }
    }
    return next;
  }
}
