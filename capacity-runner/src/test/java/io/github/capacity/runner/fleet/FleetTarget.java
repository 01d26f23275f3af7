package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fleet's one target: a private nginx (Debian's package) on 127.0.0.1 and a free port, its
 * configuration and logs in its own folder. The access log has a line per request with the time
 * nginx finished it ({@code $msec}, millisecond resolution) and its path, which names the
 * simulated host that sent it. Stopped by {@link #close()}.
 */
final class FleetTarget implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  /** One request as nginx logged it: its end in epoch milliseconds and the host in its path. */
  record Arrival(long epochMillis, String host) {}

  private final Path dir;
  private final int port;
  private final Process process;

  private FleetTarget(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx in {@code dir} and waits (10 s at most) until its port accepts. */
  static FleetTarget start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), config(dir, port));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    FleetTarget target = new FleetTarget(dir, port, process);
    target.awaitPort();
    return target;
  }

  private static String config(Path dir, int port) {
    String tmp = dir.resolve("tmp").toString();
    return String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "user " + System.getProperty("user.name") + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "http {",
        // Unbuffered: each line is written when its request ends.
        "  log_format fleet '$msec $uri $status';",
        "  access_log " + dir.resolve("access.log") + " fleet;",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;",
        "  keepalive_requests 1000000;",
        "  server {",
        "    listen 127.0.0.1:" + port + " backlog=1024;",
        "    location / { default_type text/plain; return 200 \"ok\"; }",
        "  }",
        "}",
        "");
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

  /** The URL of {@code path} on this target. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Every request so far whose status was 200, in log order. */
  List<Arrival> arrivals() throws IOException {
    Path log = dir.resolve("access.log");
    List<Arrival> arrivals = new ArrayList<>();
    if (!Files.exists(log)) {
      return arrivals;
    }
    for (String line : Files.readAllLines(log)) {
      String[] fields = line.split(" ");
      if (fields.length == 3 && fields[2].equals("200")) {
        long millis = Math.round(Double.parseDouble(fields[0]) * 1000);
        arrivals.add(new Arrival(millis, fields[1].substring(1)));
      }
    }
    return arrivals;
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
