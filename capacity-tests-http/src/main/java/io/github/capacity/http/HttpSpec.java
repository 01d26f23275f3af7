package io.github.capacity.http;

import java.time.Duration;

/**
 * A validated {@code http} definition, as {@link HttpDefinitionReader} built it. Immutable, and
 * made of the project's own types only: a plain-http run loads no OkHttp class.
 *
 * @param name the definition's name in {@code tests.json}, for thread names and logs
 * @param url the target, without user and password (those became an Authorization header)
 * @param body the request body, or {@code null} for none
 * @param trust the TLS trust to use instead of the platform's, or {@code null}
 * @param bodyContains text the response body must contain, or {@code null}
 * @param secrets every secret value in this definition, to scrub from messages
 * @param client which HTTP client runs the executions
 */
record HttpSpec(
    String name,
    HttpTarget url,
    String method,
    HttpHeaders headers,
    HttpBody body,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Duration callTimeout,
    boolean followRedirects,
    int maxConnections,
    TlsTrust trust,
    boolean insecure,
    StatusExpectation expectedStatus,
    String bodyContains,
    Secrets secrets,
    Client client) {

  /** How long an idle connection is kept for reuse: longer than a run, shorter than forever. */
  static final long KEEP_ALIVE_MINUTES = 5;
  /** The header that tags each request with the configuration line's name. */
  static final String TEST_HEADER = "X-Capacity-Test";

  /** The {@code client} key: which HTTP client runs the executions. */
  enum Client {
    /** The project's own client where it serves the definition (see {@link #usesNio()}), else OkHttp. */
    AUTO,
    /** OkHttp for every definition. */
    OKHTTP,
    /** The project's own non-blocking HTTP/1.1 client; cleartext only, no redirects followed. */
    NIO
  }

  /** Whether the own client fits: a cleartext URL, no redirects to follow. */
  boolean nioCapable() {
    return !url.isHttps() && !followRedirects;
  }

  /** Whether executions run on {@link NioClient} rather than OkHttp. */
  boolean usesNio() {
    return client == Client.NIO || (client == Client.AUTO && nioCapable());
  }
}
