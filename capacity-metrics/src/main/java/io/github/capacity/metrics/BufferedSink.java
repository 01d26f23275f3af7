package io.github.capacity.metrics;

import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.TimeSource;
import io.github.capacity.api.Trip;
import io.github.capacity.metrics.spool.Spool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MetricsSink} every built-in destination uses: callers put events into a bounded
 * buffer and return at once (a full buffer drops and counts); one background thread moves them
 * through the destination's {@link Pipeline}, delivers with exponential back-off and keeps {@link
 * #health()} accurate. A delivery stuck in a write for longer than the write timeout (a server
 * that accepts and never reads) counts as failing and is cut off, by the next caller that looks.
 *
 * <p>Protocol time (intervals, back-off, write timeout) is read from the {@link TimeSource};
 * deadlines of {@link #flush} and {@link #close} are real time, as the engine needs. The sender
 * waits for events at most 50 ms at a time, so it notices time moving. After delivering what it
 * took, it lets events gather for the pipeline's {@link Pipeline#batchMillis()} (a flush or close
 * ends that at once). With a {@link Spool} (see {@link Pipeline}), a failed delivery moves the
 * pending payloads there, and so does every payload made while the back-off lasts; a flush then
 * reports {@code false} (spooled, not delivered). Thread safe.
 */
public final class BufferedSink implements MetricsSink {
  private static final Logger log = LoggerFactory.getLogger(BufferedSink.class);
  private static final long IDLE_WAIT_MILLIS = 50;
  /** Put in the buffer by flush and close to wake a sender waiting for events; never delivered. */
  private static final Object WAKE = new Object();

  private final String name;
  private final Pipeline pipeline;
  private final TimeSource time;
  private final ArrayBlockingQueue<Object> queue;
  private final DeliveryState state;
  private final LongAdder dropped = new LongAdder();
  private final Semaphore wake = new Semaphore(0);
  private final ConcurrentLinkedQueue<CompletableFuture<Boolean>> flushRequests = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closeCalled = new AtomicBoolean();
  private final Thread sender;
  private volatile boolean closing;
  private volatile boolean aborted;
  private long reportedDropped;
  /** Sender thread: events taken since everything taken before was delivered. */
  private long takenSinceDelivered;
  /** Events that were still not delivered when the sender stopped. */
  private volatile long undelivered;

  private BufferedSink(String name, Pipeline pipeline, int capacity, Duration writeTimeout, TimeSource time) {
    this.name = name;
    this.pipeline = pipeline;
    this.time = time;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.state = new DeliveryState(name, pipeline.transport().endpoint(), time, writeTimeout.toNanos());
    this.sender = new Thread(this::run, "capacity-metrics-" + name);
    sender.setDaemon(true);
  }

  /**
   * Opens a sink and starts its sender thread. Does no I/O itself.
   *
   * @param name the destination's name, for logs and the thread
   * @param capacity how many events the buffer holds before it drops
   * @param writeTimeout how long one delivery may take before it counts as failing and is cut off
   */
  public static BufferedSink start(String name, Pipeline pipeline, int capacity, Duration writeTimeout,
      TimeSource time) {
    BufferedSink sink = new BufferedSink(name, pipeline, capacity, writeTimeout, time);
    sink.sender.start();
    return sink;
  }

  @Override
  public void record(Result result) {
    offer(result);
  }

  @Override
  public void account(MinuteAccount account) {
    offer(account);
  }

  @Override
  public void problem(Problem problem) {
    offer(problem);
  }

  @Override
  public void trip(Trip trip) {
    offer(trip);
  }

  private void offer(Object event) {
    cutOffStalledWrite();
    if (closing || !queue.offer(event)) {
      dropped.increment();
    }
  }

  /** How many events wait in the buffer now: at most its capacity. For diagnostics and tests. */
  public int buffered() {
    return queue.size();
  }

  /** Whether the sender is in the middle of a delivery now. For diagnostics and tests. */
  public boolean delivering() {
    return state.attempting();
  }

  @Override
  public boolean flush(Duration timeout) {
    if (!sender.isAlive()) {
      return queue.isEmpty() && pipeline.pendingPayloads() == 0;
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    flushRequests.add(done);
    wake.release();
    queue.offer(WAKE); // a full buffer needs no waking
    try {
      return done.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close(Duration timeout) {
    long millis = Math.max(2, timeout.toMillis());
    if (closeCalled.compareAndSet(false, true)) {
      closing = true;
      wake.release();
      queue.offer(WAKE);
    }
    try {
      sender.join(millis * 3 / 4);
      if (sender.isAlive()) {
        // The deadline is near: cut the connection so that a blocked write fails, and stop.
        aborted = true;
        pipeline.transport().disconnect();
        sender.interrupt();
        sender.join(millis - millis * 3 / 4);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      log.warn("metrics destination {} did not stop within {} ms", name, millis);
    }
  }

  @Override
  public Health health() {
    cutOffStalledWrite();
    Health health = state.health(dropped.sum() + undelivered);
    Spool.Counts spool = pipeline.spoolCounts();
    return spool == null ? health : new Health(health.dropped(), health.failingSinceMillis(), health.lastError(),
        spool.spooled(), spool.replayed(), spool.dropped());
  }

  /** Events lost when the sender stopped with them undelivered (a server down at the end). */
  public long undelivered() {
    return undelivered;
  }

  private void cutOffStalledWrite() {
    if (state.stalled()) {
      pipeline.transport().disconnect();
    }
  }

  private void run() {
    List<CompletableFuture<Boolean>> waiting = new ArrayList<>();
    boolean finalAttemptAllowed = false;
    try {
      while (!aborted) {
        boolean stopping = closing;
        if (stopping && !finalAttemptAllowed) {
          finalAttemptAllowed = true;
          state.skipBackoff();
        }
        for (CompletableFuture<Boolean> request; (request = flushRequests.poll()) != null; ) {
          waiting.add(request);
        }
        boolean forced = stopping || !waiting.isEmpty();
        boolean took = takeEvents(forced);
        // Report drops only while payloads can still queue, so a long outage cannot grow them.
        long newlyDropped = pipeline.pendingPayloads() < Pipeline.MAX_PENDING ? dropped.sum() - reportedDropped : 0;
        reportedDropped += newlyDropped;
        pipeline.collect(time.wallMillis(), forced, newlyDropped);
        if ((pipeline.pendingPayloads() > 0 || pipeline.replayDue()) && state.mayAttempt()) {
          attempt();
        }
        if (pipeline.pendingPayloads() > 0 && !state.mayAttempt()) {
          spoolPending(); // failing: to disk until the back-off allows a new attempt
        }
        boolean idle = pipeline.pendingPayloads() == 0 && queue.isEmpty();
        if (idle) {
          boolean delivered = !state.health(0).failing(); // else spooled, not delivered
          waiting.forEach(request -> request.complete(delivered));
          waiting.clear();
          if (stopping) {
            break;
          }
          if (took && !forced && pipeline.batchMillis() > 0) {
            wake.tryAcquire(pipeline.batchMillis(), TimeUnit.MILLISECONDS);
          }
        } else if (pipeline.pendingPayloads() > 0) {
          wake.tryAcquire(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      // close() ran out of time: stop where we are.
    } catch (RuntimeException e) {
      state.attemptStarted(); // failing from now on, so that health() shows it
      state.failed(new IOException("sender stopped by a bug: " + e), dropped.sum(), takenSinceDelivered);
      log.error("metrics destination {} stopped sending after a bug", name, e);
    } finally {
      pipeline.transport().disconnect();
      reportLoss();
      pipeline.closeSpool();
      waiting.forEach(request -> request.complete(false));
      flushRequests.forEach(request -> request.complete(false));
    }
  }

  /**
   * Counts what this sink could not deliver and says it once, at the end of the run: a server
   * down for the last minute otherwise lost a minute of results and reported "0 dropped".
   */
  private void reportLoss() {
    long left = pipeline.pendingPayloads() > 0 || pipeline.heldEvents() > 0 ? takenSinceDelivered : 0;
    for (Object event : queue) {
      if (event != WAKE) {
        left++;
      }
    }
    undelivered = left;
    long lost = dropped.sum() + left;
    if (lost > 0) {
      log.error("metrics destination {} lost {} events this run: {} dropped with its buffer full,"
          + " {} not delivered when it closed; last error: {}", name, lost, dropped.sum(), left,
          state.health(0).lastError());
    }
  }

  /** Moves buffered events into the pipeline; returns whether there were any. */
  private boolean takeEvents(boolean busy) throws InterruptedException {
    if (pipeline.pendingPayloads() >= Pipeline.MAX_PENDING) {
      return false;
    }
    Object event = busy || pipeline.pendingPayloads() > 0
        ? queue.poll() : queue.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (event == null) {
      return false;
    }
    long wallMillis = time.wallMillis();
    for (int taken = 0; event != null; taken++) {
      if (event != WAKE) {
        pipeline.take(event, wallMillis);
        takenSinceDelivered++;
      }
      if (taken > 10_000 || pipeline.pendingPayloads() >= Pipeline.MAX_PENDING) {
        break;
      }
      event = queue.poll();
    }
    return true;
  }

  private void attempt() {
    state.attemptStarted();
    try {
      pipeline.deliver();
      state.delivered();
      // All payloads sent: what is still undelivered is what the pipeline holds back.
      takenSinceDelivered = pipeline.heldEvents();
    } catch (IOException e) {
      pipeline.transport().disconnect();
      state.failed(e, dropped.sum(), takenSinceDelivered);
      spoolPending();
    }
  }

  /** Moves the pending payloads into the spool, if any: spooled events are not lost. */
  private void spoolPending() {
    if (pipeline.spools()) {
      pipeline.spoolPending();
      takenSinceDelivered = pipeline.heldEvents();
    }
  }
}
