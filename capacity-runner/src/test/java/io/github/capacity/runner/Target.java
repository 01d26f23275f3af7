package io.github.capacity.runner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** For integration tests: an HTTP target on 127.0.0.1 that answers 200 and counts requests. */
final class Target implements AutoCloseable {
  final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final CompletableFuture<Long> firstRequestNanos = new CompletableFuture<>();

  Target() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      firstRequestNanos.complete(System.nanoTime());
      requests.incrementAndGet();
      byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  String testsJson() {
    return "{\"home\": {\"type\": \"http\", \"url\": \"" + url() + "\", \"timeout\": \"2s\"}}\n";
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
