package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The response parser and the gzip decoder, fed responses split at every possible point. */
class ResponseParserTest {
  private final ResponseParser parser = new ResponseParser();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @ParameterizedTest
  @ValueSource(strings = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhe\r\n3;ext=1\r\nllo\r\n0\r\nX-Trailer: 1\r\n\r\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello",
      "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello"})
  void aResponseSplitAnywhereParsesTheSame(String response) throws Exception {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    for (int split = 0; split <= bytes.length; split++) {
      body.reset();
      parser.reset(false, body::write);
      boolean first = parser.feed(ByteBuffer.wrap(bytes, 0, split));
      boolean done = first || parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
      assertThat(done).as("complete when split at %d", split).isTrue();
      assertThat(first).as("not complete before the last byte, split at %d", split)
          .isEqualTo(split == bytes.length);
      assertThat(parser.status()).isEqualTo(200);
      assertThat(body.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
      assertThat(parser.reusable()).isTrue();
    }
  }

  @Test
  void bytesAfterTheResponseAreLeftInTheBuffer() throws Exception {
    ByteBuffer in = ascii("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1");
    parser.reset(false, body::write);
    assertThat(parser.feed(in)).isTrue();
    assertThat(in.remaining()).isEqualTo(8);
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnectionAndIsNotReusable() throws Exception {
    parser.reset(false, body::write);
    assertThat(parser.feed(ascii("HTTP/1.0 200 OK\r\n\r\nuntil the end"))).isFalse();
    parser.endOfStream();
    assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("until the end");
    assertThat(parser.reusable()).isFalse();
  }

  @Test
  void keepAliveFollowsTheVersionAndTheConnectionHeader() throws Exception {
    assertThat(reusableAfter("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).isFalse();
    assertThat(reusableAfter("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).isFalse();
    assertThat(reusableAfter("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n")).isTrue();
  }

  @Test
  void aResponseCutShortIsAnEndOfStream() throws Exception {
    parser.reset(false, body::write);
    parser.feed(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    assertThatThrownBy(parser::endOfStream).isInstanceOf(EOFException.class)
        .hasMessage("connection closed in the middle of the response");
    assertThat(parser.started()).isTrue();
  }

  @Test
  void protocolErrorsAreProtocolExceptions() {
    assertThatThrownBy(() -> feedAll("SSH-2.0-OpenSSH_9.2\r\n\r\n")).isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("not an HTTP/1.x status line");
    assertThatThrownBy(() -> feedAll("HTTP/1.1 2x0 OK\r\n\r\n")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> feedAll("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> feedAll("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("chunk size is not hexadecimal");
    assertThatThrownBy(() -> feedAll("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(270_000) + "\r\n\r\n"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than 262144 bytes");
    assertThatThrownBy(() -> feedAll("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nabcde"))
        .isInstanceOf(ProtocolException.class).hasMessage("invalid Content-Length: \"5, 6\"");
  }

  /** As curl reads them: folded header lines, a repeated length, a head of up to 256 KiB. */
  @Test
  void oddButValidHeadsAreRead() throws Exception {
    assertThat(reusableAfter("HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\n\tthree\r\nContent-Length: 2\r\n\r\nok"))
        .isTrue();
    assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("ok");
    body.reset();
    assertThat(reusableAfter("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc")).isTrue();
    assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    body.reset();
    String headers = ("X-Filler: " + "f".repeat(1000) + "\r\n").repeat(250);
    assertThat(reusableAfter("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 1\r\n\r\nx")).isTrue();
  }

  @Test
  void gzipWithEveryOptionalHeaderFieldDecodesSplitAnywhere() throws Exception {
    byte[] deflated = gzip("Welcome to the shop ".repeat(50));
    // Rebuild the member with FEXTRA, FNAME, FCOMMENT and FHCRC set before the deflate data.
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    member.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
    member.write(new byte[] {3, 0, 'a', 'b', 'c'});
    member.write("name.txt\0".getBytes(StandardCharsets.US_ASCII));
    member.write("a comment\0".getBytes(StandardCharsets.US_ASCII));
    member.write(new byte[] {0x12, 0x34});
    member.write(deflated, 10, deflated.length - 10);
    byte[] bytes = member.toByteArray();
    try (ContentDecoder gzip = new ContentDecoder()) {
      for (int split = 0; split <= bytes.length; split += 7) {
        body.reset();
        gzip.reset(ContentDecoder.Coding.GZIP, body::write);
        gzip.body(bytes, 0, split);
        gzip.body(bytes, split, bytes.length - split);
        assertThat(gzip.error()).isNull();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("Welcome to the shop ".repeat(50));
      }
    }
  }

  @Test
  void aBodyThatIsNotGzipIsAnError() {
    try (ContentDecoder gzip = new ContentDecoder()) {
      gzip.reset(ContentDecoder.Coding.GZIP, body::write);
      byte[] plain = "plain text".getBytes(StandardCharsets.US_ASCII);
      gzip.body(plain, 0, plain.length);
      assertThat(gzip.error()).isEqualTo("body is not gzip although Content-Encoding says so");
      assertThat(body.size()).isZero();
    }
  }

  private boolean reusableAfter(String response) throws Exception {
    feedAll(response);
    return parser.reusable();
  }

  private void feedAll(String response) throws Exception {
    parser.reset(false, body::write);
    parser.feed(ascii(response));
  }

  private static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }
}
