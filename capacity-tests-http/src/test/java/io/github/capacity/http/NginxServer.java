package io.github.capacity.http;

import io.github.capacity.api.testing.NginxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nginx (Debian's package, {@code /usr/sbin/nginx}) on 127.0.0.1 and a free port, with
 * its whole configuration, logs and document root in {@code dir}. The access log records
 * nginx's connection serial number ({@code $connection}) first on each line, so a test can count
 * TCP connections. Stopped by {@link #close()}.
 */
final class NginxServer implements AutoCloseable {
  private final Path dir;
  private final NginxProcess nginx;

  private NginxServer(Path dir, NginxProcess nginx) {
    this.dir = dir;
    this.nginx = nginx;
  }

  /** Starts nginx serving {@code dir/html} and waits (10 s at most) until its port accepts. */
  static NginxServer start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("html"));
    return new NginxServer(dir, NginxProcess.start(dir, port -> String.join("\n",
        "  log_format connections '$connection $connection_requests $status $request';",
        "  access_log " + dir.resolve("access.log") + " connections;",
        "  keepalive_requests 100000;",
        "  keepalive_timeout 60s;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + dir.resolve("html") + ";",
        "  }")));
  }

  String url(String path) {
    return "http://127.0.0.1:" + nginx.port() + path;
  }

  Path root() {
    return dir.resolve("html");
  }

  /** The access log's lines so far; nginx writes each when its request completes. */
  List<String> accessLog() throws IOException {
    Path log = dir.resolve("access.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /**
   * The access log once it has {@code lines} lines (or after 5 s, as it is then): nginx writes a
   * request's line after sending the response, so a fast client can read the log before it.
   */
  List<String> accessLog(int lines) throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    List<String> log = accessLog();
    while (log.size() < lines && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      log = accessLog();
    }
    return log;
  }

  /** Stops nginx (SIGTERM, then SIGKILL after 10 s) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    nginx.close();
  }
}
