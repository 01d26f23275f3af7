package io.github.capacity.http;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client of a prepared definition from its {@link HttpSpec}. */
final class HttpClients {
  private HttpClients() {}

  /**
   * A client whose dispatcher runs at most {@code maxInFlight} calls, and at most {@code
   * max_connections} to one host: with HTTP/1.1 each running call holds its own connection, so
   * this bounds the TCP connections too. Calls over the limit wait in the dispatcher's queue.
   */
  static OkHttpClient create(HttpSpec spec, int maxInFlight) {
    int maxRequests = Math.max(maxInFlight, 1);
    int maxPerHost = Math.min(maxRequests, spec.maxConnections());
    // A definition has one URL, so one host: the dispatcher never runs more than maxPerHost calls
    // at once, and more threads would only be started (one per call, until the pool is full) and
    // then sit idle, costing memory and start-up time.
    Dispatcher dispatcher = new Dispatcher(DispatcherExecutors.create(spec.name(), maxPerHost));
    dispatcher.setMaxRequests(maxRequests);
    dispatcher.setMaxRequestsPerHost(maxPerHost);
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(spec.maxConnections(), HttpSpec.KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
        .connectTimeout(spec.connectTimeout())
        .readTimeout(spec.readTimeout())
        .writeTimeout(spec.writeTimeout())
        .callTimeout(spec.callTimeout())
        .followRedirects(spec.followRedirects())
        .followSslRedirects(spec.followRedirects())
        // Servers close idle keep-alive connections (and HTTP/1.0 ones after each response); a
        // request that finds its pooled connection dead must go out again on a fresh one rather
        // than report the target as failing. OkHttp retries only such connection failures, and
        // the latency, measured by the engine from the planned start, still includes the retry.
        .retryOnConnectionFailure(true)
        .eventListenerFactory(ConnectPhase.FACTORY)
        .addNetworkInterceptor(new OkHttpLeniency());
    TlsTrust trust = spec.insecure() ? TlsTrust.trustingEverything() : spec.trust();
    if (trust != null) {
      builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
    } else if (!spec.url().isHttps() && !spec.followRedirects()) {
      // Plain HTTP that never follows a redirect to https: without this OkHttp loads the
      // platform's CA certificates and TLS provider at build time, which was a third of the
      // cron job's start-up.
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    if (spec.insecure()) {
      builder.hostnameVerifier((host, session) -> true);
    }
    return builder.build();
  }
}
