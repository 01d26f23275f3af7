package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Every outcome and error class, each produced against a real loopback socket, for each of the
 * two clients (a subclass names it): both must report the same outcomes. The behaviours of real
 * servers that both must read as curl does are inherited from {@link RealServerBehaviours}.
 */
abstract class HttpOutcomesContract extends RealServerBehaviours {
  @StartStop
  final MockWebServer server = new MockWebServer();

  /** Whether the prepared test runs on the client this class is about. */
  @Test
  void runsOnTheClientUnderTest() throws Exception {
    try (PreparedTest test = prepare(definition("url", url("/")))) {
      assertThat(test).isInstanceOf(client().equals("nio") ? NioClient.class : OkHttpPrepared.class);
    }
  }

  protected String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void okCountsTheBodyAndTagsTheRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("hello world").build());
    Outcome outcome = runOnce(definition("url", url("/home"), "headers", Map.of("X-Source", "cron")));
    assertThat(outcome).isEqualTo(Outcome.ok(200, 11));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("CanIHazCapacityTest/1.2.3");
    assertThat(request.getHeaders().get("X-Capacity-Test")).isEqualTo("shop.homepage");
    assertThat(request.getHeaders().get("X-Source")).isEqualTo("cron");
  }

  @Test
  void postsTheBodyWithItsContentType() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    Outcome outcome = runOnce(definition("url", url("/orders"), "method", "post",
        "body", "{\"sku\":1}", "content_type", "application/json"));
    assertThat(outcome.ok()).isTrue();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBody().utf8()).isEqualTo("{\"sku\":1}");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void anUnexpectedStatusIsHttpStatus() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
    Outcome outcome = runOnce(definition("url", url("/")));
    assertThat(outcome).isEqualTo(Outcome.failed(ErrorClass.HTTP_STATUS, 500, 4,
        "http_status on GET " + server.url("/").redact() + ": status 500, expected 2xx or 3xx"));
  }

  @Test
  void anExpectedStatusOutsideTheDefaultIsOk() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).build());
    Outcome outcome = runOnce(definition("url", url("/"), "expect", Map.of("status", List.of("2xx", 404))));
    assertThat(outcome).isEqualTo(Outcome.ok(404, 0));
  }

  @Test
  void aBodyWithoutTheExpectedTextIsBodyMismatch() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("maintenance").build());
    server.enqueue(new MockResponse.Builder().code(200).body("<h1>Welcome to the shop</h1>").build());
    try (PreparedTest test = prepare(definition("url", url("/"), "expect", Map.of("body_contains", "Welcome")))) {
      assertThat(runOnce(test).errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 28));
    }
  }

  @Test
  void aRedirectIsOkAndNotFollowedByDefault() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/next").build());
    assertThat(runOnce(definition("url", url("/")))).isEqualTo(Outcome.ok(302, 0));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlowBodyHitsTheWholeCallTimeout() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100))
        .throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
    Outcome outcome = runOnce(definition("url", url("/"), "timeout", "300ms"));
    assertThat(outcome.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(outcome.status()).isEqualTo(200);
  }

  @Test
  void aServerThatNeverAnswersHitsTheReadTimeout() throws Exception {
    try (RawServer silent = RawServer.neverAnswering()) {
      Outcome outcome = runOnce(definition("url", silent.url(), "read_timeout", "200ms"));
      assertThat(outcome.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }
  }

  @Test
  void aResetConnectionIsReset() throws Exception {
    try (RawServer resetting = RawServer.resetting()) {
      Outcome outcome = runOnce(definition("url", resetting.url()));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.RESET);
    }
  }

  @Test
  void aResponseThatIsNotHttpIsIo() throws Exception {
    try (RawServer garbage = RawServer.garbage()) {
      Outcome outcome = runOnce(definition("url", garbage.url()));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.IO);
    }
  }

  @Test
  void aClosedPortIsConnectRefused() throws Exception {
    Outcome outcome = runOnce(definition("url", "http://127.0.0.1:" + RawServer.closedPort() + "/"));
    assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.CONNECT_REFUSED);
  }

  /** The listen queue technique of {@link RawServer#withFullBacklog()}: no external address. */
  @Test
  void aConnectThatStallsIsConnectTimeout() throws Exception {
    try (RawServer full = RawServer.withFullBacklog()) {
      Outcome outcome = runOnce(definition("url", full.url(), "connect_timeout", "200ms"));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.CONNECT_TIMEOUT);
    }
  }

  /** RFC 6761: .invalid never resolves; the tests resolve from a hosts file only, never DNS. */
  @Test
  void anUnresolvableHostIsDns() throws Exception {
    assertThat(System.getProperty("jdk.net.hosts.file")).as("surefire argLine").endsWith("loopback-hosts");
    Outcome outcome = runOnce(definition("url", "http://capacity-test.invalid/"));
    assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.DNS);
  }

  /** Repeated: cancel closes the socket, and the failure that causes must never win the race. */
  @RepeatedTest(20)
  void cancellingAQueuedCallReportsCancelledAtOnce() throws Exception {
    try (RawServer silent = RawServer.neverAnswering();
        PreparedTest test = new HttpTestType().prepare(
            definition("url", silent.url()), HttpFixtures.context(1))) {
      CompletableFuture<Outcome> running = new CompletableFuture<>();
      CompletableFuture<Outcome> queued = new CompletableFuture<>();
      Execution first = test.start("a", running::complete);
      Execution second = test.start("b", queued::complete);
      second.cancel();
      assertThat(queued.get(100, TimeUnit.MILLISECONDS)).isEqualTo(Outcome.cancelled());
      assertThat(running).isNotDone();
      first.cancel();
      assertThat(running.get(100, TimeUnit.MILLISECONDS)).isEqualTo(Outcome.cancelled());
    }
  }

  @Test
  void closeCancelsWhatIsInFlight() throws Exception {
    try (RawServer silent = RawServer.neverAnswering()) {
      PreparedTest test = prepare(definition("url", silent.url()));
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      test.start("a", outcome::complete);
      test.close();
      assertThat(outcome.get(1, TimeUnit.SECONDS)).isEqualTo(Outcome.cancelled());
      CompletableFuture<Outcome> afterClose = new CompletableFuture<>();
      test.start("b", afterClose::complete);
      assertThat(afterClose.get(1, TimeUnit.SECONDS)).isEqualTo(Outcome.cancelled());
    }
  }

  @Test
  void cancelAfterTheOutcomeReportsNothingMore() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    try (PreparedTest test = prepare(definition("url", url("/")))) {
      List<Outcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<Outcome> first = new CompletableFuture<>();
      Execution execution = test.start("a", o -> {
        outcomes.add(o);
        first.complete(o);
      });
      first.get(5, TimeUnit.SECONDS);
      execution.cancel();
      assertThat(outcomes).containsExactly(Outcome.ok(200, 0));
    }
  }
}
