package io.github.capacity.metrics;

import io.github.capacity.metrics.spool.Spool;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What a destination does with events on its sender thread: folds them into aggregates or lines
 * ({@link #take}), turns what is due into payloads ({@link #collect}) and sends the payloads over
 * its {@link Transport} ({@link #deliver}). A payload stays pending until sent whole, so a failed
 * send is retried after the back-off; at most {@link #MAX_PENDING} payloads wait, after which the
 * {@link BufferedSink} stops taking events and its bounded buffer overflows instead (counted).
 *
 * <p>A pipeline whose payloads carry their own timestamps may have a {@link Spool}: the sink
 * moves what it cannot deliver there, and {@link #deliver} sends it again at the spool's pace.
 *
 * <p>Only the sender thread calls these methods, except {@link Transport#disconnect()}.
 */
public abstract class Pipeline {
  /** How many payloads may wait to be sent before the sender stops taking events. */
  public static final int MAX_PENDING = 64;

  private record Payload(String target, byte[] bytes) {}

  private final ArrayDeque<Payload> pending = new ArrayDeque<>();
  private final Transport transport;
  private final Spool spool;

  protected Pipeline(Transport transport) {
    this(transport, null);
  }

  /** A pipeline that spools to {@code spool} (none when {@code null}); socket payloads only. */
  protected Pipeline(Transport transport, Spool spool) {
    this.transport = transport;
    this.spool = spool;
  }

  /**
   * Takes one event: a {@link io.github.capacity.api.Result}, a {@link
   * io.github.capacity.api.MinuteAccount} or a {@link io.github.capacity.api.Problem}.
   */
  public abstract void take(Object event, long wallMillis);

  /**
   * Turns what is due at {@code wallMillis} into payloads, everything when {@code all} (flush,
   * close), and reports {@code newlyDropped} events lost since the last call when it is above 0.
   */
  public abstract void collect(long wallMillis, boolean all, long newlyDropped);

  /** Queues payloads to send to a socket. */
  protected final void enqueue(List<byte[]> payloads) {
    enqueue(null, payloads);
  }

  /** Queues payloads to send to {@code target} (a file name), see {@link Transport#send}. */
  protected final void enqueue(String target, List<byte[]> payloads) {
    payloads.forEach(bytes -> pending.add(new Payload(target, bytes)));
  }

  /**
   * How long the sender lets events gather after a delivery before it takes them; 0 (the default)
   * takes each as it comes. Datagram pipelines keep 0: batching them would send bursts that a
   * receiver's socket buffer may not hold.
   */
  public long batchMillis() {
    return 0;
  }

  /**
   * How many events were taken but are in no payload yet (an interval still open, lines not yet
   * packed into an append): the sender counts them as delivered only once they are sent.
   */
  public long heldEvents() {
    return 0;
  }

  /** How many payloads wait. */
  public final int pendingPayloads() {
    return pending.size();
  }

  /**
   * Sends spooled payloads as far as the spool's pace allows, then the pending payloads in order,
   * each removed once sent; stops at the first failure.
   */
  public final void deliver() throws IOException {
    if (spool != null) {
      if (ordered() && spool.holdsRecords()) {
        spoolPending(); // behind what waits in the spool, so that nothing overtakes it
      }
      spool.replay(payload -> transport.send(null, payload));
    }
    while (!pending.isEmpty()) {
      Payload next = pending.peekFirst();
      transport.send(next.target(), next.bytes());
      pending.pollFirst();
    }
  }

  /** How many datapoints {@code payload} holds, for the spool's counts: 1 unless overridden. */
  protected int datapoints(byte[] payload) {
    return 1;
  }

  /**
   * Whether payloads must arrive in the order they were made (a receiver that refuses samples
   * older than the newest it has): then, while the spool holds records, new payloads go behind
   * them. False by default: Graphite stores a late line where its timestamp puts it.
   */
  protected boolean ordered() {
    return false;
  }

  /** Whether what cannot be delivered goes to a spool. */
  public final boolean spools() {
    return spool != null;
  }

  /** Moves every pending payload into the spool; does nothing without one. */
  public final void spoolPending() {
    while (spool != null && !pending.isEmpty()) {
      byte[] bytes = pending.pollFirst().bytes();
      spool.append(bytes, datapoints(bytes));
    }
  }

  /** Whether spooled payloads wait and their pace allows sending one now. */
  public final boolean replayDue() {
    return spool != null && spool.replayDue();
  }

  /** The spool's figures, or {@code null} without a spool. Thread safe. */
  public final Spool.Counts spoolCounts() {
    return spool == null ? null : spool.counts();
  }

  /** Lets go of the spool's files; what they hold stays for the next run. */
  public final void closeSpool() {
    if (spool != null) {
      spool.close();
    }
  }

  /** The transport, for its endpoint and for {@link Transport#disconnect()} from other threads. */
  public final Transport transport() {
    return transport;
  }
}
