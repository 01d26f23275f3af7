package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import java.net.Proxy;
import java.net.ProxySelector;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} test type: one HTTP request per execution. A definition in
 * {@code tests.json} names the URL, method, headers, body, timeouts and what counts as success;
 * see {@code docs/http.md} for every key.
 *
 * <p>Each prepared definition owns one client shared by all its executions: for a cleartext URL
 * that follows no redirects, the project's own non-blocking HTTP/1.1 client ({@link
 * NioClient}: one event-loop thread, no thread per call); otherwise, or with {@code
 * "client": "okhttp"}, an OkHttp client (connection pool and dispatcher). Calls are asynchronous,
 * so {@link PreparedTest#start} never waits on the network. Thread safe; the no-argument
 * constructor does no I/O.
 */
public final class HttpTestType implements TestType {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTestType.class);

  private final Function<String, String> environment;

  /** The type as {@link java.util.ServiceLoader} creates it, reading the process environment. */
  public HttpTestType() {
    this(System::getenv);
  }

  /** For tests: {@code environment} resolves {@code ${env:NAME}} in header values. */
  HttpTestType(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public PreparedTest prepare(Definition definition, TestContext context)
      throws InvalidDefinitionException {
    HttpSpec spec = new HttpDefinitionReader(environment).read(definition);
    if (spec.insecure()) {
      LOG.warn("{}: {}: insecure is true: TLS certificates and host names are NOT verified",
          definition.source(), definition.path());
    }
    LOG.debug("{}: {}: prepared {} {}", definition.source(), definition.path(), spec.method(),
        spec.url().redact());
    String userAgent = "CanIHazCapacityTest/" + context.version();
    if (spec.usesNio() && (spec.client() == HttpSpec.Client.NIO || !proxied(spec))) {
      return new NioClient(spec, context.maxInFlight(), userAgent, context.timeSource());
    }
    return new OkHttpPrepared(spec, HttpClients.create(spec, context.maxInFlight()), userAgent,
        context.timeSource());
  }

  /**
   * Whether Java routes the definition's URL through a proxy ({@code -Dhttp.proxyHost}, a default
   * {@link ProxySelector}): only OkHttp honours that, so {@code auto} then chooses it.
   */
  static boolean proxied(HttpSpec spec) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return false;
    }
    try {
      return selector.select(spec.url().uri()).stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
    } catch (RuntimeException e) {
      LOG.debug("{}: the proxy selector failed, assuming no proxy: {}", spec.name(), e.toString());
      return false;
    }
  }
}
