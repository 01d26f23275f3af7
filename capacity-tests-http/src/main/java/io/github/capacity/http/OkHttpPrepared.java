package io.github.capacity.http;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TimeSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A prepared {@code http} definition on OkHttp: builds each execution's request and enqueues it
 * on the definition's own client. The definition's URL, headers and body become OkHttp's types
 * once, here; the body's bytes are shared, not copied. At most {@code max_connections} calls are
 * handed to OkHttp at once ({@link CallGate}); the others wait, each no longer than its slot, as on
 * the own client. Thread safe.
 */
final class OkHttpPrepared implements PreparedTest {
  private final HttpSpec spec;
  private final OkHttpClient client;
  private final String userAgent;
  private final HttpUrl url;
  private final Headers headers;
  private final RequestBody body;
  private final TimeSource time;
  private final CallGate<HttpExecution> gate;
  private final Set<HttpExecution> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private int highestRate;

  OkHttpPrepared(HttpSpec spec, OkHttpClient client, String userAgent, TimeSource time) {
    this.spec = spec;
    this.time = time;
    this.gate = new CallGate<>(client.dispatcher().getMaxRequestsPerHost());
    this.client = client;
    this.userAgent = userAgent;
    this.url = HttpUrl.get(spec.url().toString());
    Headers.Builder builder = new Headers.Builder();
    for (int i = 0; i < spec.headers().size(); i++) {
      builder.add(spec.headers().name(i), spec.headers().value(i));
    }
    this.headers = builder.build();
    HttpBody given = spec.body();
    this.body = given == null ? null : RequestBody.create(given.bytes(),
        given.contentType() == null ? null : MediaType.get(given.contentType()));
  }

  @Override
  public Execution start(String testName, Consumer<Outcome> whenDone) {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(whenDone, "whenDone");
    if (closed.get()) {
      whenDone.accept(Outcome.cancelled());
      return () -> {};
    }
    ConnectPhase phase = new ConnectPhase();
    Request request = new Request.Builder()
        .url(url)
        .headers(headers)
        .header("User-Agent", userAgent)
        .header(HttpSpec.TEST_HEADER, testName)
        .method(spec.method(), body)
        .tag(ConnectPhase.class, phase)
        .build();
    Call call = client.newCall(request);
    HttpExecution execution = new HttpExecution(spec, testName, call, phase, whenDone, this::ended);
    inFlight.add(execution);
    long now = time.nanoTime();
    drop(gate.expire(now));
    if (gate.enter(execution, now)) {
      call.enqueue(execution);
    }
    if (closed.get()) {
      execution.cancel(); // close() ran while this was being added
    }
    return execution;
  }

  /** The highest rate announced sets how long a call may wait for a connection; see {@link NioClient}. */
  @Override
  public synchronized void expectRate(int executionsPerMinute) {
    if (executionsPerMinute > highestRate) {
      highestRate = executionsPerMinute;
      gate.slot(NioClient.slotNanos(executionsPerMinute));
    }
  }

  /** {@code execution} reported: a waiting one may go now, those waiting too long are dropped. */
  private void ended(HttpExecution execution) {
    inFlight.remove(execution);
    drop(gate.expire(time.nanoTime()));
    HttpExecution next = gate.leave(execution);
    if (next != null) {
      next.enqueue();
    }
  }

  private void drop(List<HttpExecution> dropped) {
    for (HttpExecution execution : dropped) {
      inFlight.remove(execution);
      execution.drop(gate.slotNanos());
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (HttpExecution execution : inFlight) {
      execution.cancel();
    }
    client.dispatcher().cancelAll();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** The client, for tests that check how it was configured. */
  OkHttpClient client() {
    return client;
  }
}
