package io.github.capacity.metrics.prometheus;

import io.github.capacity.metrics.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs remote-write requests, already Snappy-compressed, over the JDK's {@link
 * HttpURLConnection} (keep-alive is the JDK's). A 2xx response is delivered; 5xx and 429 throw, so
 * that the sink backs off and spools, as the protocol asks; any other answer means the receiver
 * will never take this request (a sample out of order, a bad label): it is dropped, counted in
 * {@link #rejectedRequests()} and logged at most once a minute, so that it cannot stop the spool.
 * Thread safety: see {@link Transport}.
 */
final class RemoteWriteTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(RemoteWriteTransport.class);
  private static final long LOG_EVERY_NANOS = 60_000_000_000L;

  private final URL url;
  private final Map<String, String> headers;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final LongAdder rejected = new LongAdder();
  private volatile HttpURLConnection current;
  private long lastLoggedNanos;
  private boolean logged;

  RemoteWriteTransport(URL url, Map<String, String> headers, int connectTimeoutMillis, int readTimeoutMillis) {
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  @Override
  public void send(String target, byte[] payload) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    current = connection;
    try {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setConnectTimeout(connectTimeoutMillis);
      connection.setReadTimeout(readTimeoutMillis);
      connection.setFixedLengthStreamingMode(payload.length);
      connection.setRequestProperty("Content-Type", "application/x-protobuf");
      connection.setRequestProperty("Content-Encoding", "snappy");
      connection.setRequestProperty("User-Agent", "capacity-metrics-prometheus");
      connection.setRequestProperty("X-Prometheus-Remote-Write-Version", "0.1.0");
      headers.forEach(connection::setRequestProperty);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(payload);
      }
      int status = connection.getResponseCode();
      String body = body(connection, status);
      if (status / 100 == 2) {
        return;
      }
      if (status / 100 == 5 || status == 429) {
        throw new IOException("HTTP " + status + ": " + body);
      }
      rejected.increment();
      long now = System.nanoTime();
      if (!logged || now - lastLoggedNanos >= LOG_EVERY_NANOS) {
        logged = true;
        lastLoggedNanos = now;
        log.warn("{} rejected a remote-write request with HTTP {}: {} ({} rejected so far)", url, status, body,
            rejected.sum());
      }
    } finally {
      current = null;
    }
  }

  /** The first 200 characters of the response body, which names what was wrong. */
  private static String body(HttpURLConnection connection, int status) {
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in == null) {
        return "";
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    } catch (IOException e) {
      return "";
    }
  }

  /** Requests the receiver refused for good (4xx but 429), dropped. Thread safe. */
  long rejectedRequests() {
    return rejected.sum();
  }

  @Override
  public void disconnect() {
    HttpURLConnection connection = current;
    if (connection != null) {
      connection.disconnect();
    }
  }

  @Override
  public String endpoint() {
    return url.toString();
  }
}
