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
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A prepared {@code http} definition: builds each execution's request and enqueues it on the
 * definition's own client. Thread safe.
 */
final class HttpPreparedTest implements PreparedTest {
  static final String TEST_HEADER = "X-Capacity-Test";

  private final HttpSpec spec;
  private final OkHttpClient client;
  private final String userAgent;
  private final Set<HttpExecution> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpPreparedTest(HttpSpec spec, OkHttpClient client, String userAgent) {
    this.spec = spec;
    this.client = client;
    this.userAgent = userAgent;
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
        .url(spec.url())
        .headers(spec.headers())
        .header("User-Agent", userAgent)
        .header(TEST_HEADER, testName)
        .method(spec.method(), spec.body())
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
