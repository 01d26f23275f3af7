package io.github.capacity.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.capacity.api.testing.RealDaemons;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Prometheus (Debian's {@code prometheus}) on 127.0.0.1 and a free port, with its
 * remote-write receiver on, its configuration and storage in one folder; stopped by {@link #close}.
 */
final class PrometheusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  private final int port;
  private final Process process;

  PrometheusServer(Path dir) throws Exception {
    RealDaemons.requireExecutable("a real Prometheus", "apt-get install prometheus", BINARY);
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\n");
    process = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.enable-remote-write-receiver")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.out").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (status("/-/ready") != 200) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        throw new AssertionError("prometheus did not become ready: " + Files.readString(dir.resolve("prometheus.out")));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  String writeUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  /** The {@code data.result} of an instant query. */
  JsonNode query(String promql) throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      return new ObjectMapper().readTree(in).path("data").path("result");
    }
  }

  private int status(String path) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
          .openConnection();
      connection.setConnectTimeout(500);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
