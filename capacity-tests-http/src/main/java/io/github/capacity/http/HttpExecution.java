package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** OkHttp's failure for a 204 or 205 with a length, which curl and the own client read as bodiless. */
  private static final Pattern BODILESS_WITH_LENGTH = Pattern.compile("HTTP (20[45]) had non-zero Content-Length.*");

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

  /** Hands the call to OkHttp, after it waited in the {@link CallGate}. */
  void enqueue() {
    call.enqueue(this);
  }

  /**
   * It waited for a connection longer than its slot: reported dropped, never sent. The gate has
   * let it go already, so it is not told again.
   */
  void drop(long slotNanos) {
    if (reported.compareAndSet(false, true)) {
      whenDone.accept(HttpOutcomes.dropped(slotNanos));
    }
  }

  /** Whether {@code e} is OkHttp refusing a 204 or 205 that announces a body. */
  static boolean isBodilessWithLength(IOException e) {
    return e instanceof ProtocolException && e.getMessage() != null
        && BODILESS_WITH_LENGTH.matcher(e.getMessage()).matches();
  }

  @Override
  public void onFailure(Call call, IOException e) {
    Matcher bodiless = e.getMessage() == null ? null : BODILESS_WITH_LENGTH.matcher(e.getMessage());
    if (e instanceof ProtocolException && bodiless.matches()) {
      BodyMatcher matcher = spec.bodyContains() == null ? null : new BodyMatcher(spec.bodyContains());
      report(HttpOutcomes.response(spec, Integer.parseInt(bodiless.group(1)), 0, matcher));
      return;
    }
    report(failure(e, Outcome.NO_STATUS, 0));
  }

  @Override
  public void onResponse(Call call, Response response) {
    int status = response.code();
    Counter counter = new Counter(spec.bodyContains());
    ContentDecoder decoder = decoderFor(response, counter);
    // Read to the end so the connection goes back to the pool; the bytes are only counted. The
    // outcome is reported before the response is closed, which may wait for the connection.
    try (response; InputStream in = response.body().byteStream()) {
      byte[] buffer = READ_BUFFER.get();
      for (int n; (n = in.read(buffer)) != -1; ) {
        (decoder != null ? decoder : counter).body(buffer, 0, n);
      }
      String decodingError = decoder == null ? null : decoder.error();
      report(decodingError != null
          ? HttpOutcomes.failed(spec, ErrorClass.IO, status, counter.bytes, decodingError)
          : HttpOutcomes.response(spec, status, counter.bytes, counter.matcher));
    } catch (IOException e) {
      report(failure(e, status, counter.bytes));
    } finally {
      if (decoder != null) {
        decoder.close();
      }
    }
  }

  /**
   * OkHttp decodes {@code gzip} itself; {@code x-gzip} and {@code deflate} (which curl decodes
   * too) are decoded here, unless the definition negotiates encodings itself.
   */
  private ContentDecoder decoderFor(Response response, Counter counter) {
    String coding = response.header("Content-Encoding");
    if (coding == null || spec.headers().get("Accept-Encoding") != null || spec.headers().get("Range") != null) {
      return null;
    }
    String lower = coding.trim().toLowerCase(java.util.Locale.ROOT);
    ContentDecoder.Coding which = lower.equals("x-gzip") ? ContentDecoder.Coding.GZIP
        : lower.equals("deflate") ? ContentDecoder.Coding.DEFLATE : null;
    if (which == null) {
      return null;
    }
    ContentDecoder decoder = new ContentDecoder();
    decoder.reset(which, counter);
    return decoder;
  }

  /** Counts the (decoded) body and looks for the expected text in it. */
  private static final class Counter implements ResponseParser.BodySink {
    final BodyMatcher matcher;
    long bytes;

    Counter(String bodyContains) {
      this.matcher = bodyContains == null ? null : new BodyMatcher(bodyContains);
    }

    @Override
    public void body(byte[] chunk, int offset, int length) {
      bytes += length;
      if (matcher != null) {
        matcher.feed(chunk, offset, length);
      }
    }
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
