package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The outcomes on the project's own client, and what only it has to get right: response framing
 * (chunked, close-delimited, interim responses), gzip, sending what OkHttp sends, connection reuse.
 */
class NioOutcomesTest extends HttpOutcomesContract {
  @Override
  protected String client() {
    return "nio";
  }

  @Test
  void autoChoosesNioForCleartextAndOkHttpForRedirectsAndTls() throws Exception {
    try (PreparedTest plain = HttpFixtures.prepare(HttpFixtures.definition("url", url("/")));
        PreparedTest redirects = HttpFixtures.prepare(HttpFixtures.definition("url", url("/"),
            "follow_redirects", true));
        PreparedTest tls = HttpFixtures.prepare(HttpFixtures.definition("url", "https://127.0.0.1:1/"))) {
      assertThat(plain).isInstanceOf(NioClient.class);
      assertThat(redirects).isInstanceOf(OkHttpPrepared.class);
      assertThat(tls).isInstanceOf(OkHttpPrepared.class);
    }
  }

  @Test
  void autoChoosesOkHttpWhenJavaRoutesTheUrlThroughAProxy() throws Exception {
    ProxySelector before = ProxySelector.getDefault();
    ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128)));
    try (PreparedTest proxied = HttpFixtures.prepare(HttpFixtures.definition("url", url("/")));
        PreparedTest forced = prepare(definition("url", url("/")))) {
      assertThat(proxied).isInstanceOf(OkHttpPrepared.class);
      assertThat(forced).as("client nio connects directly").isInstanceOf(NioClient.class);
    } finally {
      ProxySelector.setDefault(before);
    }
  }

  @Test
  void expectingARateOpensConnectionsAheadAndTheFirstExecutionUsesOne() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(listener.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
      try (PreparedTest test = prepare(definition("url", url, "max_connections", 3))) {
        test.expectRate(60_000); // 1,000 a second keeps more than 3 busy at 5 ms a call

        awaitCondition(() -> accepted.size() == 3);
        test.start("shop.homepage", outcome -> {});

        // The request went out on one of the three, and no fourth connection was opened.
        awaitCondition(() -> accepted.stream().anyMatch(NioOutcomesTest::hasBytes));
        assertThat(accepted).hasSize(3);
      } finally {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }

  private static boolean hasBytes(Socket socket) {
    try {
      return socket.getInputStream().available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls a condition on real sockets every 5 ms, for at most 10 s. */
  private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  @Test
  void nioWithRedirectsIsRefusedAtLoad() {
    assertThatThrownBy(() -> prepare(definition("url", url("/"), "follow_redirects", true)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("tests.json: homepage.client: \"nio\" runs http:// URLs without follow_redirects"
            + " only, expected \"auto\" or \"okhttp\" for this definition");
  }

  @Test
  void sendsTheSameRequestAsOkHttp() throws Exception {
    Object[] keys = {"url", url("/orders?id=7"), "method", "PUT", "body", "{\"sku\":1}",
        "content_type", "application/json", "headers", Map.of("X-Source", "cron")};
    List<RecordedRequest> requests = new ArrayList<>();
    for (String client : List.of("okhttp", "nio")) {
      server.enqueue(new MockResponse.Builder().code(204).build());
      Object[] withClient = java.util.Arrays.copyOf(keys, keys.length + 2);
      withClient[keys.length] = "client";
      withClient[keys.length + 1] = client;
      assertThat(runOnce(HttpFixtures.definition(withClient)).ok()).isTrue();
      requests.add(server.takeRequest(5, TimeUnit.SECONDS));
    }
    assertThat(requests.get(1).getRequestLine()).isEqualTo(requests.get(0).getRequestLine());
    assertThat(headers(requests.get(1))).isEqualTo(headers(requests.get(0)));
    assertThat(requests.get(1).getBody().utf8()).isEqualTo("{\"sku\":1}");
  }

  @Test
  void aChunkedBodyIsCountedAndMatchedAcrossChunks() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody("<p>Welcome to the shop</p>", 3).build());
    Outcome outcome = runOnce(definition("url", url("/"), "expect", Map.of("body_contains", "Welcome")));
    assertThat(outcome).isEqualTo(Outcome.ok(200, 26));
  }

  @Test
  void aGzipBodyIsDecodedLikeOkHttpDoes() throws Exception {
    String page = "<p>Welcome to the shop</p>".repeat(100);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(page.getBytes(StandardCharsets.UTF_8));
    }
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(zipped.toByteArray())).build());
    Outcome outcome = runOnce(definition("url", url("/"), "expect", Map.of("body_contains", "shop</p>")));
    assertThat(outcome).isEqualTo(Outcome.ok(200, page.length()));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aHeadResponseHasNoBodyDespiteItsContentLength() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Length", "1000").build());
    server.enqueue(new MockResponse.Builder().code(200).body("second").build());
    try (PreparedTest test = prepare(definition("url", url("/"), "method", "HEAD", "max_connections", 1))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 0));
      assertThat(runOnce(test).ok()).isTrue();
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isZero();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex())
        .as("the connection was reused after the bodiless response").isZero();
  }

  @Test
  void connectionCloseIsHonouredAndTheNextCallOpensANewConnection() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Connection", "close").body("one")
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().code(200).body("two").build());
    try (PreparedTest test = prepare(definition("url", url("/"), "max_connections", 1))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 3));
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 3));
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isZero();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isEqualTo(1);
  }

  @Test
  void aBodyEndedByClosingTheConnectionAndAnInterimResponseAreRead() throws Exception {
    try (RawServer old = RawServer.answering("HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")) {
      assertThat(runOnce(definition("url", old.url()))).isEqualTo(Outcome.ok(200, 13));
    }
  }

  @Test
  void aResponseCutShortIsReset() throws Exception {
    try (RawServer cut = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")) {
      Outcome outcome = runOnce(definition("url", cut.url()));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.RESET);
      assertThat(outcome.status()).isEqualTo(200);
      assertThat(outcome.bytes()).isEqualTo(3);
    }
  }

  @Test
  void aBodyThatStallsHitsTheReadTimeout() throws Exception {
    try (RawServer stalling = RawServer.accepting(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.getInputStream().read(); // until the client gives up
    })) {
      Outcome outcome = runOnce(definition("url", stalling.url(), "read_timeout", "200ms"));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.TIMEOUT);
      assertThat(outcome.detail()).endsWith("read timed out after 200 ms");
      assertThat(outcome.status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyLargerThanTheSocketBufferIsSentWhole() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    String body = "x".repeat(4 << 20);
    Outcome outcome = runOnce(definition("url", url("/upload"), "method", "POST", "body", body));
    assertThat(outcome).isEqualTo(Outcome.ok(201, 0));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBodySize()).isEqualTo(4 << 20);
  }

  @Test
  void aServerThatStopsReadingHitsTheWriteTimeout() throws Exception {
    try (RawServer silent = RawServer.neverAnswering()) {
      Outcome outcome = runOnce(definition("url", silent.url(), "method", "POST",
          "body", "x".repeat(16 << 20), "write_timeout", "200ms"));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.TIMEOUT);
      assertThat(outcome.detail()).endsWith("write timed out after 200 ms");
    }
  }

  @Test
  void manyConcurrentExecutionsShareAtMostMaxConnections() throws Exception {
    int executions = 200;
    for (int i = 0; i < executions; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok " + i).build());
    }
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(executions);
    try (PreparedTest test = new HttpTestType().prepare(
        definition("url", url("/"), "max_connections", 4), HttpFixtures.context(executions))) {
      for (int i = 0; i < executions; i++) {
        test.start("shop.homepage", outcome -> {
          outcomes.add(outcome);
          done.countDown();
        });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(outcomes).hasSize(executions).allMatch(Outcome::ok);
    int highestConnection = 0;
    for (int i = 0; i < executions; i++) {
      highestConnection = Math.max(highestConnection, server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
    }
    assertThat(highestConnection).as("connections opened, from 0").isBetween(0, 3);
  }

  private static Map<String, String> headers(RecordedRequest request) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.getHeaders().forEach(pair -> headers.put(pair.getFirst(), pair.getSecond()));
    return headers;
  }
}
