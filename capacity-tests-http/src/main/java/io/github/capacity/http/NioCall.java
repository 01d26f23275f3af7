package io.github.capacity.http;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One execution on a {@link NioPreparedTest}: the request bytes, what the response has given so
 * far, and the engine's handle to cancel it. Reports exactly one outcome, whichever of response,
 * failure, timeout and cancel comes first. The mutable fields are guarded by the client's lock.
 */
final class NioCall implements Execution, ResponseParser.BodySink {
  private final NioPreparedTest owner;
  private final byte[] request;
  private final Consumer<Outcome> whenDone;
  private final AtomicBoolean reported = new AtomicBoolean();
  final BodyMatcher matcher;
  final String testName;
  long bytes;
  /** When the whole call times out (nanoTime), set when it first gets a connection. */
  long deadline = Long.MAX_VALUE;
  /** The connection carrying it, or {@code null} while waiting for one. */
  NioConnection connection;
  /** Whether it went out again after a pooled connection turned out dead. */
  boolean retried;
  /** The outcome decided under the client's lock, until it is delivered. */
  Outcome outcome;

  NioCall(NioPreparedTest owner, String testName, byte[] request, String bodyContains,
      Consumer<Outcome> whenDone) {
    this.owner = owner;
    this.testName = testName;
    this.request = request;
    this.whenDone = whenDone;
    this.matcher = bodyContains == null ? null : new BodyMatcher(bodyContains);
  }

  byte[] request() {
    return request;
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
