package io.github.capacity.http;

import io.github.capacity.api.testing.RealDaemons;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package, {@code /usr/sbin/nginx}) on 127.0.0.1 and a free port, with
 * its whole configuration, logs and document root in {@code dir}. The access log records
 * nginx's connection serial number ({@code $connection}) first on each line, so a test can count
 * TCP connections. Stopped by {@link #close()}.
 */
final class NginxServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final int port;
  private final Process process;

  private NginxServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx serving {@code dir/html} and waits (10 s at most) until its port accepts. */
  static NginxServer start(Path dir) throws IOException, InterruptedException {
    RealDaemons.requireExecutable("a real nginx", "apt-get install nginx", BINARY);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Files.createDirectories(dir.resolve("html"));
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), config(dir, port));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    NginxServer server = new NginxServer(dir, port, process);
    server.awaitPort();
    return server;
  }

  private static String config(Path dir, int port) {
    String tmp = dir.resolve("tmp").toString();
    return String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "user " + System.getProperty("user.name") + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 256; }",
        "http {",
        "  log_format connections '$connection $connection_requests $status $request';",
        "  access_log " + dir.resolve("access.log") + " connections;",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;",
        "  keepalive_requests 100000;",
        "  keepalive_timeout 60s;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + dir.resolve("html") + ";",
        "  }",
        "}",
        "");
  }

  private void awaitPort() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + errors());
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        process.waitFor(50, TimeUnit.MILLISECONDS); // a bounded wait on the process, not a sleep
      }
    }
    close();
    throw new IllegalStateException("nginx did not listen on port " + port + " within 10 s: " + errors());
  }

  private String errors() throws IOException {
    Path log = dir.resolve("error.log");
    Path out = dir.resolve("stdout.log");
    return (Files.exists(log) ? Files.readString(log) : "")
        + (Files.exists(out) ? Files.readString(out) : "");
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
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
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
