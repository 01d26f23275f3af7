package io.github.capacity.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The demo's target: an HTTP server on 127.0.0.1 and a free port that answers {@code 200 ok}
 * after 2 to 8 ms. The delay comes from a scheduler, so no request thread sleeps.
 */
final class DemoTarget implements AutoCloseable {
  private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "demo-target");
    thread.setDaemon(true);
    return thread;
  });

  DemoTarget() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      long delayMicros = ThreadLocalRandom.current().nextLong(2_000, 8_000);
      delays.schedule(() -> answer(exchange), delayMicros, TimeUnit.MICROSECONDS);
    });
    server.start();
  }

  /** The URL to test. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private static void answer(HttpExchange exchange) {
    try (OutputStream body = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, BODY.length);
      body.write(BODY);
    } catch (IOException e) {
      // The client went away (timeout, cancel): nothing to answer.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    delays.shutdownNow();
  }
}
