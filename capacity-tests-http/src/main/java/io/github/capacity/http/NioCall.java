package io.github.capacity.http;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One execution on a {@link NioClient}: the request, what the response has given so far, and the
 * engine's handle to cancel it. Reports exactly one outcome, whichever of response, failure,
 * timeout, drop and cancel comes first. The mutable fields are guarded by the loop's lock.
 */
final class NioCall implements Execution, ResponseParser.BodySink {
  private final NioClient owner;
  private final byte[] head;
  private final Consumer<Outcome> whenDone;
  private final AtomicBoolean reported = new AtomicBoolean();
  final BodyMatcher matcher;
  final String testName;
  long bytes;
  /** When the whole call times out (nanoTime), set when it first gets a connection. */
  long deadline = Long.MAX_VALUE;
  /** While it waits for a connection: when it has waited longer than its slot and is dropped. */
  long dropAt = Long.MAX_VALUE;
  /** The connection carrying it, or {@code null} while waiting for one. */
  NioConnection connection;
  /** Whether it went out again after a pooled connection turned out dead. */
  boolean retried;
  /** The outcome decided under the loop's lock, until it is delivered. */
  Outcome outcome;

  NioCall(NioClient owner, String testName, byte[] head, String bodyContains,
      Consumer<Outcome> whenDone) {
    this.owner = owner;
    this.testName = testName;
    this.head = head;
    this.whenDone = whenDone;
    this.matcher = bodyContains == null ? null : new BodyMatcher(bodyContains);
  }

  /** The request head; the body, if any, is the definition's, shared by every call. */
  byte[] head() {
    return head;
  }

  @Override
  public void body(byte[] chunk, int offset, int length) {
    bytes += length;
    if (matcher != null) {
      matcher.feed(chunk, offset, length);
    }
  }

  /** Reports {@code cancelled} at once; the event loop then closes the connection, if any. */
  @Override
  public void cancel() {
    if (claim()) {
      owner.deliver(this, Outcome.cancelled());
    }
    owner.abandon(this);
  }

  /** Claims the right to report; true exactly once. */
  boolean claim() {
    return reported.compareAndSet(false, true);
  }

  boolean reported() {
    return reported.get();
  }

  Consumer<Outcome> whenDone() {
    return whenDone;
  }
}
