package io.github.capacity.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * The bytes of a definition's HTTP/1.1 request, head and body, as {@link NioPreparedTest} sends
 * them: the same request line and headers as the OkHttp client sends (Host, {@code Connection:
 * Keep-Alive}, {@code Accept-Encoding: gzip} unless the definition sets its own, User-Agent, the
 * test's tag, the definition's headers, Content-Type and Content-Length). Immutable.
 */
final class RequestBytes {
  private final String headBeforeTestName;
  private final String headAfterTestName;
  private final byte[] body;
  private final boolean decodesGzip;

  RequestBytes(HttpSpec spec, String userAgent) {
    HttpUrl url = spec.url();
    Headers headers = spec.headers();
    StringBuilder head = new StringBuilder(256);
    head.append(spec.method()).append(' ').append(url.encodedPath());
    if (url.encodedQuery() != null) {
      head.append('?').append(url.encodedQuery());
    }
    head.append(" HTTP/1.1\r\n");
    if (headers.get("Host") == null) {
      head.append("Host: ").append(hostHeader(url)).append("\r\n");
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
    RequestBody requestBody = spec.body();
    if (requestBody != null) {
      MediaType type = requestBody.contentType();
      if (type != null) {
        head.append("Content-Type: ").append(type).append("\r\n");
      }
      body = bytesOf(requestBody);
      head.append("Content-Length: ").append(body.length).append("\r\n");
    } else {
      body = new byte[0];
    }
    headBeforeTestName = head + HttpPreparedTest.TEST_HEADER + ": ";
    headAfterTestName = "\r\n\r\n";
  }

  /** The whole request of an execution for the configuration line named {@code testName}. */
  byte[] build(String testName) {
    byte[] before = headBeforeTestName.getBytes(StandardCharsets.UTF_8);
    byte[] name = testName.getBytes(StandardCharsets.UTF_8);
    byte[] after = headAfterTestName.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[before.length + name.length + after.length + body.length];
    System.arraycopy(before, 0, request, 0, before.length);
    System.arraycopy(name, 0, request, before.length, name.length);
    System.arraycopy(after, 0, request, before.length + name.length, after.length);
    System.arraycopy(body, 0, request, before.length + name.length + after.length, body.length);
    return request;
  }

  /** Whether responses in gzip are decoded: this client asked for gzip itself. */
  boolean decodesGzip() {
    return decodesGzip;
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  private static byte[] bytesOf(RequestBody body) {
    try (Buffer buffer = new Buffer()) {
      body.writeTo(buffer);
      return buffer.readByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("an in-memory request body cannot fail to write", e);
    }
  }
}
