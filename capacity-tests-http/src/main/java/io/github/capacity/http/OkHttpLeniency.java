package io.github.capacity.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.internal.http.ExchangeCodec;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A network interceptor that brings OkHttp's reading of odd but real responses in line with curl
 * and the own client, so both give the same outcome for the same server:
 *
 * <ul>
 *   <li>bytes that were waiting on a reused connection (stray bytes the server sent while it was
 *       idle, bytes left over after a response longer than its length) make the next response
 *       unreadable: that request goes out again on a new connection, as for any stale connection;
 *   <li>a {@code 408} is retried only when it came on a reused connection (the server closing it
 *       while idle), and a {@code 503} never, whatever its {@code Retry-After}: the docs promise
 *       no other retry;
 *   <li>an HTTP/1.0 response without keep-alive ends its connection's use;
 *   <li>a {@code 304} that announces a body has none, and {@code Content-Length: 1000, 1000} is
 *       1000 (OkHttp would wait for the first until the read timeout, and read the second until
 *       the connection closes).
 * </ul>
 *
 * A {@code 204} with a length is mapped by {@link HttpExecution}: OkHttp fails it below here.
 */
final class OkHttpLeniency implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    ConnectPhase phase = chain.request().tag(ConnectPhase.class);
    boolean reused = phase != null && phase.reused();
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (ProtocolException e) {
      if (reused && !HttpExecution.isBodilessWithLength(e)) {
        // Not OkHttp's ProtocolException, which it never retries: a connection failure, which it
        // retries once on a new connection.
        throw new SocketException("unreadable response on a reused connection (" + e.getMessage() + ")");
      }
      throw e;
    }
    int code = response.code();
    if (code == 503 || (code == 408 && !reused)) {
      // OkHttp retries a 408 and a 503 with Retry-After: 0 itself, unless a delay is asked for.
      return response.newBuilder().header("Retry-After", "1").build();
    }
    boolean http1 = response.protocol() == Protocol.HTTP_1_1 || response.protocol() == Protocol.HTTP_1_0;
    if (response.protocol() == Protocol.HTTP_1_0 && !"keep-alive".equalsIgnoreCase(response.header("Connection"))
        && chain.connection() instanceof ExchangeCodec.Carrier carrier) {
      // An HTTP/1.0 server closes the connection after the response unless it says keep-alive;
      // OkHttp would send the next request on it. (Its own internal API, public: the only way.)
      carrier.noNewExchanges();
    }
    if (http1 && code == 304 && announcesBody(response)) {
      closeConnection(chain.connection()); // the promised bytes never come: no 100 ms wait for them
      response.body().close();
      return response.newBuilder().body(ResponseBody.create(new byte[0], null)).build();
    }
    String length = response.header("Content-Length");
    if (http1 && length != null && length.indexOf(',') > 0) {
      long sameValue = sameValue(length);
      if (sameValue >= 0) {
        return response.newBuilder().body(limited(response.body(), sameValue)).build();
      }
    }
    return response;
  }

  private static boolean announcesBody(Response response) {
    String length = response.header("Content-Length");
    return (length != null && !length.trim().equals("0"))
        || "chunked".equalsIgnoreCase(response.header("Transfer-Encoding"));
  }

  /** The value of a list of equal lengths ({@code "1000, 1000"}), or -1. */
  static long sameValue(String list) {
    long value = -1;
    for (String part : list.split(",")) {
      String digits = part.trim();
      if (!digits.matches("\\d{1,18}")) {
        return -1;
      }
      long parsed = Long.parseLong(digits);
      if (value >= 0 && parsed != value) {
        return -1;
      }
      value = parsed;
    }
    return value;
  }

  /** {@code body} (read until the connection closes, and never reused) cut at {@code length}. */
  private static ResponseBody limited(ResponseBody body, long length) {
    BufferedSource source = Okio.buffer(new ForwardingSource(body.source()) {
      private long left = length;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (left == 0) {
          return -1;
        }
        long n = super.read(sink, Math.min(byteCount, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    });
    return ResponseBody.create(source, body.contentType(), length);
  }

  private static void closeConnection(Connection connection) {
    Socket socket = connection == null ? null : connection.socket();
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing is all that was wanted
      }
    }
  }
}
