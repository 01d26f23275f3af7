package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of a {@link NioClient}: one thread selecting over the connections, the lock that
 * guards them, and the hand-off of outcomes. Outcomes are decided under the lock ({@link #report})
 * and delivered after it is released, so a receiver never runs under it. A start never waits for
 * the lock: it queues its call ({@link #hand}), and whoever holds the lock dispatches it before
 * letting go, so a start never waits for the loop, which may be parsing a response or descheduled
 * while it holds the lock. Deadlines are read from the test's {@link TimeSource}.
 */
final class NioLoop {
  private static final Logger LOG = LoggerFactory.getLogger(NioLoop.class);

  /** What the loop drives: the exchange over the pool's connections, under the lock. */
  interface Driven {
    void dispatch(NioCall call);

    /** Handles the deadlines due at {@code now}; returns the next one. */
    long expire(long now);

    void ready(SelectionKey key);

    /** Closes every connection; the loop is ending. */
    void closeAll();
  }

  private final String name;
  private final TimeSource time;
  /** The longest the loop waits in select: a call started meanwhile is not due before. */
  private final long longestWaitNanos;
  private final Selector selector;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConcurrentLinkedQueue<NioCall> incoming = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Consumer<SelectionKey> onReady = this::ready;
  private Driven driven;
  private Thread thread;
  // Guarded by lock.
  /** Calls whose outcome is decided, to deliver once the lock is released. */
  private ArrayList<NioCall> decided = new ArrayList<>();
  /** The loop's second list: it takes {@link #decided} in exchange, so a response allocates none. */
  private ArrayList<NioCall> loopSpare = new ArrayList<>();
  /** Whether a registration or interest changed outside the loop: select must start again. */
  private boolean selectorChanged;

  NioLoop(String name, TimeSource time, long longestWaitNanos) {
    this.name = name;
    this.time = time;
    this.longestWaitNanos = longestWaitNanos;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + name, e);
    }
  }

  /** Starts the loop's thread over {@code what}. */
  void start(Driven what) {
    this.driven = what;
    thread = new Thread(this::run, "capacity-http-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  long nanoTime() {
    return time.nanoTime();
  }

  boolean closed() {
    return closed.get();
  }

  /** Marks the loop closed and wakes it to close the connections; true the first time. */
  boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    selector.wakeup();
    return true;
  }

  /** Makes the loop look at its deadlines again, after a fake clock moved. */
  void wakeUp() {
    selector.wakeup();
  }

  /** Under the lock: the selector must select again (a registration or interest changed). */
  void changed() {
    selectorChanged = true;
  }

  /** Hands in a started call: dispatched now, or by the lock's holder before it lets go. */
  void hand(NioCall call) {
    incoming.add(call);
    dispatchIncoming();
  }

  /** Runs {@code action} under the lock from a thread other than the loop, then delivers. */
  void fromOutside(Runnable action) {
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

  /** Under the lock: decides {@code call}'s outcome, delivered once the lock is released. */
  void report(NioCall call, Outcome outcome) {
    if (call.claim()) {
      call.outcome = outcome;
      decided.add(call);
    }
  }

  /** Reports {@code outcome} for {@code call}, which must have been claimed. Any thread, no lock. */
  void deliver(NioCall call, Outcome outcome) {
    if (!outcome.ok() && !ErrorClass.CANCELLED.equals(outcome.errorClass())) {
      LOG.debug("{} ({}): {}", call.testName, name, outcome.detail());
    }
    try {
      call.whenDone().accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("{}: the outcome's receiver failed", name, e);
    }
  }

  private void dispatchIncoming() {
    while (!incoming.isEmpty() && lock.tryLock()) {
      unlockAndDeliver();
    }
  }

  /** Holding the lock: dispatches what was handed in, lets go, wakes the loop if needed, delivers. */
  private void unlockAndDeliver() {
    List<NioCall> outcomes;
    boolean wake;
    try {
      dispatchIncomingLocked();
      outcomes = takeDecided(null);
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

  private void dispatchIncomingLocked() {
    for (NioCall call; (call = incoming.poll()) != null; ) {
      driven.dispatch(call);
    }
  }

  /** Takes the decided calls, leaving {@code spare} (or a new list) in their place. */
  private ArrayList<NioCall> takeDecided(ArrayList<NioCall> spare) {
    if (decided.isEmpty()) {
      return null;
    }
    ArrayList<NioCall> taken = decided;
    decided = spare != null ? spare : new ArrayList<>();
    return taken;
  }

  private void deliverAll(List<NioCall> calls) {
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        NioCall call = calls.get(i);
        deliver(call, call.outcome);
      }
    }
  }

  private void run() {
    try {
      while (!closed.get()) {
        long now = time.nanoTime();
        long next;
        lock.lock();
        try {
          next = Math.min(driven.expire(now), now + longestWaitNanos);
          dispatchIncomingLocked();
          selectorChanged = false;
        } finally {
          lock.unlock();
        }
        deliverFromLoop();
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now + 999_999));
        selector.select(onReady, waitMillis);
        deliverFromLoop();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("{}: the HTTP event loop failed; executions of this test are cancelled from now on", name, e);
    } finally {
      shutDown();
    }
  }

  /** On the loop: dispatches what was handed in and delivers what was decided, reusing its lists. */
  private void deliverFromLoop() {
    ArrayList<NioCall> outcomes;
    lock.lock();
    try {
      dispatchIncomingLocked();
      outcomes = takeDecided(loopSpare);
      if (outcomes != null) {
        loopSpare = null;
      }
    } finally {
      lock.unlock();
    }
    if (outcomes != null) {
      deliverAll(outcomes);
      outcomes.clear();
      loopSpare = outcomes;
    }
    dispatchIncoming();
  }

  private void shutDown() {
    closed.set(true);
    List<NioCall> outcomes;
    lock.lock();
    try {
      driven.closeAll();
      try {
        selector.close(); // under the lock: dispatch never registers with a closed selector
      } catch (IOException e) {
        LOG.debug("{}: closing the selector: {}", name, e.toString());
      }
      dispatchIncomingLocked(); // closed: each is reported cancelled
      outcomes = takeDecided(null);
    } finally {
      lock.unlock();
    }
    deliverAll(outcomes);
  }

  private void ready(SelectionKey key) {
    lock.lock();
    try {
      driven.ready(key);
      dispatchIncomingLocked();
    } finally {
      lock.unlock();
    }
  }
}
