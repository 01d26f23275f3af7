package io.github.capacity.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Lets at most {@code maxRunning} calls run at once toward a target; the others wait in arrival
 * order, each no longer than its slot, and are dropped after it, so that a target that stalls and
 * recovers does not get the waiting calls back to back. The OkHttp path's counterpart of {@link
 * NioPool}'s waiting queue. Expiry is looked at whenever a call enters or leaves (at least once an
 * interval while the line runs): the caller calls {@link #expire} then. Thread safe; times are
 * the test's {@code nanoTime}.
 *
 * @param <T> the call
 */
final class CallGate<T> {
  private record Waiting<T>(T call, long dropAt) {}

  private final int maxRunning;
  private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
  private int running;
  private long slotNanos = Long.MAX_VALUE;

  CallGate(int maxRunning) {
    this.maxRunning = maxRunning;
  }

  /** How long a call may wait from now on. */
  synchronized void slot(long nanos) {
    slotNanos = nanos;
  }

  synchronized long slotNanos() {
    return slotNanos;
  }

  /**
   * {@code call} arrives at {@code now}: returns whether it may run now (it then counts as
   * running); otherwise it waits.
   */
  synchronized boolean enter(T call, long now) {
    if (running < maxRunning) {
      running++;
      return true;
    }
    waiting.addLast(new Waiting<>(call, slotNanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + slotNanos));
    return false;
  }

  /**
   * {@code call} ended (or was cancelled while waiting). Returns the waiting call that runs in its
   * place, now counted as running, or {@code null}.
   */
  synchronized T leave(T call) {
    for (Iterator<Waiting<T>> it = waiting.iterator(); it.hasNext(); ) {
      if (it.next().call() == call) {
        it.remove();
        return null;
      }
    }
    running--;
    Waiting<T> next = waiting.pollFirst();
    if (next == null) {
      return null;
    }
    running++;
    return next.call();
  }

  /** Takes the waiting calls whose wait ran out at {@code now}, to be reported dropped. */
  synchronized List<T> expire(long now) {
    if (waiting.isEmpty() || waiting.peekFirst().dropAt() > now) {
      return List.of(); // the usual case: nothing allocated
    }
    List<T> dropped = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.peekFirst().dropAt() <= now) {
      dropped.add(waiting.pollFirst().call());
    }
    return dropped;
  }
}
