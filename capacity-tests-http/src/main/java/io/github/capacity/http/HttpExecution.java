package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution in flight: OkHttp's callback for its call and the engine's handle to cancel it.
 * Reports exactly one outcome, whichever of response, failure and cancel comes first. Thread safe.
 */
final class HttpExecution implements Execution, Callback {
  private static final Logger LOG = LoggerFactory.getLogger(HttpExecution.class);
  /**
   * One read buffer per dispatcher thread: allocated per response, it was a third of all the
   * garbage a run makes (8 KB of ~23 KB per request at 2,000/s), and so of its young collections.
   */
  private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[8192]);

  private final HttpSpec spec;
  private final String testName;
  private final Call call;
  private final ConnectPhase phase;
  private final Consumer<Outcome> whenDone;
  private final Consumer<HttpExecution> onReported;
  private final AtomicBoolean reported = new AtomicBoolean();

  HttpExecution(HttpSpec spec, String testName, Call call, ConnectPhase phase,
      Consumer<Outcome> whenDone, Consumer<HttpExecution> onReported) {
    this.spec = spec;
    this.testName = testName;
    this.call = call;
    this.phase = phase;
    this.whenDone = whenDone;
    this.onReported = onReported;
  }

  /**
   * Reports {@code cancelled} at once rather than waiting for OkHttp's callback: a call still
   * queued in the dispatcher would only fail when a running one made room. The outcome is claimed
   * before the socket is closed, so the failure that closing causes is never reported instead.
   */
  @Override
  public void cancel() {
    boolean first = reported.compareAndSet(false, true);
    call.cancel();
    if (first) {
      deliver(Outcome.cancelled());
    }
  }

  @Override
  public void onFailure(Call call, IOException e) {
    report(failure(e, Outcome.NO_STATUS, 0));
  }

  @Override
  public void onResponse(Call call, Response response) {
    int status = response.code();
    long bytes = 0;
    BodyMatcher matcher = spec.bodyContains() == null ? null : new BodyMatcher(spec.bodyContains());
    // Read to the end so the connection goes back to the pool; the bytes are only counted.
    try (response; InputStream in = response.body().byteStream()) {
      byte[] buffer = READ_BUFFER.get();
      for (int n; (n = in.read(buffer)) != -1; ) {
        bytes += n;
        if (matcher != null) {
          matcher.feed(buffer, n);
        }
      }
    } catch (IOException e) {
      report(failure(e, status, bytes));
      return;
    }
    report(HttpOutcomes.response(spec, status, bytes, matcher));
  }

  private Outcome failure(IOException e, int status, long bytes) {
    return HttpOutcomes.failure(spec, e, phase.connecting(), status, bytes);
  }

  private void report(Outcome outcome) {
    if (reported.compareAndSet(false, true)) {
      deliver(outcome);
    }
  }

  private void deliver(Outcome outcome) {
    onReported.accept(this);
    if (!outcome.ok() && !outcome.errorClass().equals(ErrorClass.CANCELLED)) {
      LOG.debug("{} ({}): {}", testName, spec.name(), outcome.detail());
    }
    whenDone.accept(outcome);
  }
}
