package io.github.capacity.api.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real nginx (Debian's package, {@code /usr/sbin/nginx}) in the foreground on 127.0.0.1 and a
 * free port, with its whole configuration, temporary files and logs in one folder: the common part
 * of the tests that need a real web server. The caller writes the {@code http} block for the port
 * it is given. Skips or fails as {@link RealDaemons} says when nginx is not installed. Stopped by
 * {@link #close()}.
 */
public final class NginxProcess implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final int port;
  private final Process process;

  private NginxProcess(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts nginx with {@code httpBlock.apply(port)} as the inside of its {@code http} block (the
   * temporary paths are set already) and waits, 10 s at most, until the port accepts.
   */
  public static NginxProcess start(Path dir, IntFunction<String> httpBlock)
      throws IOException, InterruptedException {
    RealDaemons.requireExecutable("a real nginx", "apt-get install nginx", BINARY);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "user " + System.getProperty("user.name") + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 512; }",
        "http {",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;",
        httpBlock.apply(port),
        "}",
        ""));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    NginxProcess nginx = new NginxProcess(dir, port, process);
    nginx.awaitPort();
    return nginx;
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
    return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
  }

  public int port() {
    return port;
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
