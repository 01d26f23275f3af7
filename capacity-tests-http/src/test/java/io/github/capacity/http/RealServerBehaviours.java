package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How real servers behave, each written as a raw loopback server, and the outcome curl gives for
 * it (curl 7.88 --compressed): idle connections closed with or without a 408, stray and leftover
 * bytes, broken and unusual content codings, odd but valid heads, bodiless responses that announce
 * a length, HTTP/1.0, and no retry the docs do not promise. Part of the outcome contract: both
 * clients must give these outcomes.
 */
abstract class RealServerBehaviours {
  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  /** The {@code client} key's value under test. */
  protected abstract String client();

  /** {@link HttpFixtures#definition} with this class's client. */
  protected Definition definition(Object... keysAndValues) {
    Object[] withClient = Arrays.copyOf(keysAndValues, keysAndValues.length + 2);
    withClient[keysAndValues.length] = "client";
    withClient[keysAndValues.length + 1] = client();
    return HttpFixtures.definition(withClient);
  }

  protected PreparedTest prepare(Definition definition) throws Exception {
    return HttpFixtures.prepare(definition);
  }

  @ParameterizedTest(name = "with a 408: {0}")
  @ValueSource(booleans = {false, true})
  void anIdleConnectionTheServerClosesIsReplacedNeverAFailure(boolean with408) throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    try (RawServer server = RawServer.serving(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      RawServer.write(socket, OK);
      if (with408) {
        RawServer.write(socket, "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      }
      socket.shutdownOutput();
      closed.countDown();
      drain(socket.getInputStream());
    }); PreparedTest test = prepare(definition("url", server.url()))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
    }
  }

  @Test
  void strayBytesOnAnIdleConnectionAreNeverReadAsAResponse() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    try (RawServer server = RawServer.serving(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      RawServer.write(socket, OK);
      RawServer.write(socket, "garbage the server sent on its own\r\n\r\n");
      sent.countDown();
      respondToEach(socket, OK);
    }); PreparedTest test = prepare(definition("url", server.url()))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
      assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
    }
  }

  @Test
  void bytesLeftAfterAResponseAreNotReadAsTheNext() throws Exception {
    try (RawServer server = RawServer.serving(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      RawServer.write(socket, OK + "LEFTOVER");
      respondToEach(socket, OK);
    }); PreparedTest test = prepare(definition("url", server.url()))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bad CRC", "bad length", "two members"})
  void aCorruptGzipBodyIsIo(String how) throws Exception {
    byte[] gzip = ContentDecoderTest.gzip("hello gzip world ".repeat(4));
    if (how.equals("bad CRC")) {
      gzip[gzip.length - 8] ^= 1;
    } else if (how.equals("bad length")) {
      gzip[gzip.length - 4] ^= 1;
    } else {
      gzip = concat(gzip, ContentDecoderTest.gzip("a second member"));
    }
    Outcome outcome = runAgainst("gzip", gzip);
    assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.IO);
    assertThat(outcome.status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x-gzip", "deflate", "raw deflate"})
  void xGzipAndDeflateWithOrWithoutItsWrapperAreDecoded(String coding) throws Exception {
    String text = "hello gzip world ".repeat(4);
    byte[] body = coding.equals("x-gzip") ? ContentDecoderTest.gzip(text)
        : ContentDecoderTest.deflate(text, coding.startsWith("raw"));
    Outcome outcome = runAgainst(coding.replace("raw ", ""), body);
    assertThat(outcome).isEqualTo(Outcome.ok(200, text.length()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"folded header", "repeated length", "200 KiB head"})
  void oddButValidHeadsAreRead(String how) throws Exception {
    String head = switch (how) {
      case "folded header" -> "HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\nContent-Length: 2\r\n\r\n";
      case "repeated length" -> "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\n";
      default -> "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "f".repeat(1000) + "\r\n").repeat(200)
          + "Content-Length: 2\r\n\r\n";
    };
    try (RawServer server = RawServer.serving(socket -> respondToEach(socket, head + "ok"))) {
      // The connection stays open: a reader that misframes the body waits until read_timeout.
      assertThat(runOnce(definition("url", server.url(), "read_timeout", "5s")))
          .isEqualTo(Outcome.ok(200, 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {204, 304})
  void aBodilessStatusThatAnnouncesALengthHasNoBody(int status) throws Exception {
    String response = "HTTP/1.1 " + status + " Whatever\r\nContent-Length: 1000\r\n\r\n";
    try (RawServer server = RawServer.serving(socket -> respondToEach(socket, response));
        PreparedTest test = prepare(definition("url", server.url(), "read_timeout", "5s"))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(status, 0));
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(status, 0));
    }
  }

  @Test
  void anHttp10ResponseWithoutKeepAliveEndsItsConnection() throws Exception {
    AtomicInteger lateRequests = new AtomicInteger();
    try (RawServer server = RawServer.serving(socket -> {
      RawServer.readRequestHead(socket.getInputStream());
      RawServer.write(socket, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
      // An HTTP/1.0 server is done with the connection; it closes it a little later.
      socket.setSoTimeout(300);
      try {
        if (RawServer.readRequestHead(socket.getInputStream())) {
          lateRequests.incrementAndGet();
        }
      } catch (java.net.SocketTimeoutException expected) {
        // no request came on the finished connection
      }
    }); PreparedTest test = prepare(definition("url", server.url()))) {
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
      assertThat(runOnce(test)).isEqualTo(Outcome.ok(200, 2));
      assertThat(lateRequests).as("requests sent on a finished HTTP/1.0 connection").hasValue(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"408 Request Timeout", "503 Service Unavailable\r\nRetry-After: 0"})
  void a408OrA503IsTheOutcomeNotRetried(String statusAndHeaders) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (RawServer server = RawServer.serving(socket -> {
      while (RawServer.readRequestHead(socket.getInputStream())) {
        requests.incrementAndGet();
        RawServer.write(socket, "HTTP/1.1 " + statusAndHeaders + "\r\nContent-Length: 0\r\n\r\n");
      }
    })) {
      Outcome outcome = runOnce(definition("url", server.url()));
      int status = Integer.parseInt(statusAndHeaders.substring(0, 3));
      assertThat(outcome.errorClass()).isEqualTo(ErrorClass.HTTP_STATUS);
      assertThat(outcome.status()).isEqualTo(status);
      assertThat(requests).hasValue(1);
    }
  }

  /** One request, answered with {@code contentEncoding} and {@code body}, the connection closed. */
  private Outcome runAgainst(String contentEncoding, byte[] body) throws Exception {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: " + contentEncoding + "\r\nContent-Length: "
        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try (RawServer server = RawServer.serving(socket -> {
      while (RawServer.readRequestHead(socket.getInputStream())) {
        socket.getOutputStream().write(concat(head, body));
        socket.getOutputStream().flush();
      }
    })) {
      return runOnce(definition("url", server.url()));
    }
  }

  /** Answers every request on the connection with {@code response}, until the client closes it. */
  static void respondToEach(Socket socket, String response) throws IOException {
    while (RawServer.readRequestHead(socket.getInputStream())) {
      RawServer.write(socket, response);
    }
  }

  private static void drain(InputStream in) throws IOException {
    while (in.read() != -1) {
      // until the client closes its end
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
