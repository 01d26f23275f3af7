package io.github.capacity.http;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a definition's HTTP/1.1 request head, as {@link NioClient} sends them: the same
 * request line and headers as the OkHttp client sends (Host, {@code Connection: Keep-Alive},
 * {@code Accept-Encoding: gzip} unless the definition sets its own, User-Agent, the test's tag,
 * the definition's headers, Content-Type and Content-Length). The body is not part of it: it is
 * the definition's {@link HttpBody}, held once and sent after the head. Immutable.
 */
final class RequestBytes {
  private final byte[] headBeforeTestName;
  private final byte[] headAfterTestName;
  private final HttpBody body;
  private final boolean decodesGzip;

  RequestBytes(HttpSpec spec, String userAgent) {
    HttpTarget url = spec.url();
    HttpHeaders headers = spec.headers();
    StringBuilder head = new StringBuilder(256);
    head.append(spec.method()).append(' ').append(url.target()).append(" HTTP/1.1\r\n");
    if (headers.get("Host") == null) {
      head.append("Host: ").append(url.hostHeader()).append("\r\n");
    }
    head.append("Connection: Keep-Alive\r\n");
    // As OkHttp: ask for gzip and decode it, unless the definition negotiates encodings itself.
    decodesGzip = headers.get("Accept-Encoding") == null && headers.get("Range") == null;
    if (decodesGzip) {
      head.append("Accept-Encoding: gzip\r\n");
    }
    head.append("User-Agent: ").append(userAgent).append("\r\n");
    for (int i = 0; i < headers.size(); i++) {
      head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
    }
    body = spec.body();
    if (body != null) {
      if (body.contentType() != null) {
        head.append("Content-Type: ").append(body.contentType()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.bytes().length).append("\r\n");
    }
    headBeforeTestName = (head + HttpSpec.TEST_HEADER + ": ").getBytes(StandardCharsets.UTF_8);
    headAfterTestName = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  /** The request head of an execution for the configuration line named {@code testName}. */
  byte[] head(String testName) {
    byte[] name = testName.getBytes(StandardCharsets.UTF_8);
    byte[] head = new byte[headBeforeTestName.length + name.length + headAfterTestName.length];
    System.arraycopy(headBeforeTestName, 0, head, 0, headBeforeTestName.length);
    System.arraycopy(name, 0, head, headBeforeTestName.length, name.length);
    System.arraycopy(headAfterTestName, 0, head, headBeforeTestName.length + name.length,
        headAfterTestName.length);
    return head;
  }

  /** The body sent after every head, or {@code null}: the definition's own, never a copy. */
  HttpBody body() {
    return body;
  }

  /** Whether responses in gzip are decoded: this client asked for gzip itself. */
  boolean decodesGzip() {
    return decodesGzip;
  }
}
