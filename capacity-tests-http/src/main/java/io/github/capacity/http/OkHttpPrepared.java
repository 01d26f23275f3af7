package io.github.capacity.http;

import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
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
 * once, here; the body's bytes are shared, not copied. Thread safe.
 */
final class OkHttpPrepared implements PreparedTest {
  private final HttpSpec spec;
  private final OkHttpClient client;
  private final String userAgent;
  private final HttpUrl url;
  private final Headers headers;
  private final RequestBody body;
  private final Set<HttpExecution> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  OkHttpPrepared(HttpSpec spec, OkHttpClient client, String userAgent) {
    this.spec = spec;
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
    HttpExecution execution = new HttpExecution(spec, testName, call, phase, whenDone, inFlight::remove);
    inFlight.add(execution);
    call.enqueue(execution);
    if (closed.get()) {
      execution.cancel(); // close() ran while this was being added
    }
    return execution;
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
