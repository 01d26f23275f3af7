package io.github.capacity.api.testing;

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
 * A real nginx (Debian's package, {@code /usr/sbin/nginx}) for integration tests, on 127.0.0.1 and
 * a free port, with its whole configuration, pid file, logs and temporary files in its own folder:
 * it never touches a system nginx. The caller gives the directives of the {@code http} block and
 * of its one {@code server}, which listens on the port. Stopped by {@link #close()}.
 */
public final class PrivateNginx implements AutoCloseable {
  /** Where Debian's package installs nginx. */
  public static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final int port;
  private final Process process;

  private PrivateNginx(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts nginx in {@code dir} with {@code http} and {@code server} directives (each a line such
   * as {@code "access_log /x/access.log;"}) and waits (10 s at most) until its port accepts.
   */
  public static PrivateNginx start(Path dir, List<String> http, List<String> server)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's nginx package "
          + "(apt-get install nginx), as .ci/run does");
    }
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), config(dir, port, http, server));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    PrivateNginx nginx = new PrivateNginx(dir, port, process);
    nginx.awaitPort();
    return nginx;
  }

  private static String config(Path dir, int port, List<String> http, List<String> server) {
    String tmp = dir.resolve("tmp").toString();
    List<String> lines = new ArrayList<>(List.of(
        "daemon off;",
        "worker_processes 1;",
        "user " + System.getProperty("user.name") + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;"));
    http.forEach(line -> lines.add("  " + line));
    lines.add("  server {");
    lines.add("    listen 127.0.0.1:" + port + ";");
    server.forEach(line -> lines.add("    " + line));
    lines.add("  }");
    lines.add("}");
    lines.add("");
    return String.join("\n", lines);
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

  /** The folder holding its configuration and logs. */
  public Path dir() {
    return dir;
  }

  /** The URL of {@code path} ({@code "/"}, {@code "/x"}) on this nginx. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
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
