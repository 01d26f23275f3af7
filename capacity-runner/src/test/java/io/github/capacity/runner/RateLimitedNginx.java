package io.github.capacity.runner;

import io.github.capacity.api.testing.RealDaemons;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * For integration tests: a real nginx on 127.0.0.1 and a free port that answers 200 up to a known
 * rate and 503 above it ({@code limit_req}, the configuration of docs/capacity-search.md), with
 * its configuration and logs in a folder. Stopped by {@link #close()}.
 */
final class RateLimitedNginx implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final int port;
  private final Process process;

  private RateLimitedNginx(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts nginx limiting every client together to {@code perSecond} requests a second with a
   * burst of {@code burst}, and waits (10 s at most) until its port accepts.
   */
  static RateLimitedNginx start(Path dir, int perSecond, int burst) throws IOException, InterruptedException {
    RealDaemons.requireExecutable("a real nginx", "apt-get install nginx", BINARY);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("html"));
    Files.writeString(dir.resolve("html/index.html"), "ok\n");
    Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "user " + System.getProperty("user.name") + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 512; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;",
        "  keepalive_requests 100000;",
        "  limit_req_zone $server_name zone=capacity:1m rate=" + perSecond + "r/s;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    server_name knee;",
        "    root " + dir.resolve("html") + ";",
        "    limit_req zone=capacity burst=" + burst + " nodelay;",
        "    limit_req_status 503;",
        "    limit_req_log_level info;",
        "  }",
        "}",
        ""));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    RateLimitedNginx nginx = new RateLimitedNginx(dir, port, process);
    nginx.awaitPort();
    return nginx;
  }

  private void awaitPort() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
            + Files.readString(dir.resolve("stdout.log")));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        process.waitFor(50, TimeUnit.MILLISECONDS); // a bounded wait on the process, not a sleep
      }
    }
    close();
    throw new IllegalStateException("nginx did not listen on port " + port + " within 10 s");
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
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
