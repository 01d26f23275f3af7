package io.github.capacity.core;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The thread a plugin's sink is called on, so that a sink that blocks holds neither the scheduler
 * (which sends accounts, problems and dropped results) nor the tests' completion threads. Callers
 * hand each event over with the engine's time and never wait; when the hand-off is full the event
 * is dropped and counted. Whether the sink blocks is judged by the callers, from that time: the
 * oldest event not yet delivered counts from its hand-off.
 *
 * <p>Thread safe.
 */
final class SinkThread {
  /** Room for a few seconds of results at the highest rates a host runs. */
  static final int CAPACITY = 8192;
  private static final long NONE = Long.MAX_VALUE;

  private record Handed(Object event, long handedNanos) {}

  private final ArrayBlockingQueue<Handed> handOff = new ArrayBlockingQueue<>(CAPACITY);
  /** One permit per event handed over, and one to stop. */
  private final Semaphore waiting = new Semaphore(0);
  private final LongAdder dropped = new LongAdder();
  private final Consumer<Object> deliver;
  private final Function<Object, String> callOf;
  private final Thread thread;
  /** Guards the move of an event from the hand-off into delivery, so callers see it always. */
  private final Object lock = new Object();
  private Handed delivering;
  private volatile boolean stopped;

  /** {@code callOf} names the sink's method an event goes to, for messages. */
  SinkThread(String destination, Consumer<Object> deliver, Function<Object, String> callOf) {
    this.deliver = deliver;
    this.callOf = callOf;
    this.thread = new Thread(this::deliverEach, "capacity-sink-" + destination);
    thread.setDaemon(true); // a sink stuck for good must not keep the JVM (the cron job) alive
    thread.start();
  }

  String threadName() {
    return thread.getName();
  }

  /** Queues {@code event}, handed over at {@code nowNanos}; drops and counts it when full. */
  void handOff(Object event, long nowNanos) {
    if (stopped || !handOff.offer(new Handed(event, nowNanos))) {
      dropped.increment();
      return;
    }
    waiting.release();
  }

  /** Events dropped because the hand-off was full or the thread stopped. */
  long dropped() {
    return dropped.sum();
  }

  /**
   * How long the event that has waited longest for the sink to take it has waited, when that is
   * more than {@code limitNanos}, with the call it waits in ({@code "account() blocked for 1001
   * ms"}); else {@code null}.
   */
  String blocked(long nowNanos, long limitNanos) {
    Handed oldest;
    synchronized (lock) {
      oldest = delivering != null ? delivering : handOff.peek();
    }
    if (oldest == null || nowNanos - oldest.handedNanos <= limitNanos) {
      return null;
    }
    return callOf.apply(oldest.event) + " blocked for " + (nowNanos - oldest.handedNanos) / 1_000_000
        + " ms";
  }

  /**
   * Waits until everything handed over has been delivered, in real time (the flush budget is
   * real, whatever the engine's clock); false when the deadline came first.
   */
  boolean awaitDelivered(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (lock) {
      while (delivering != null || !handOff.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
    return true;
  }

  /** Lets the thread end once it has delivered what it holds; later events are dropped. */
  void stop() {
    stopped = true;
    waiting.release();
  }

  private void deliverEach() {
    while (true) {
      try {
        waiting.acquire();
      } catch (InterruptedException e) {
        return; // nobody interrupts it
      }
      Handed next;
      synchronized (lock) {
        next = handOff.poll();
        delivering = next;
      }
      if (next == null) {
        return; // stopped: the one permit without an event
      }
      try {
        deliver.accept(next.event);
      } finally {
        synchronized (lock) {
          delivering = null;
          lock.notifyAll();
        }
      }
    }
  }
}
