package io.github.capacity.metrics.statsd;

import io.github.capacity.api.testing.RealDaemons;
import io.github.capacity.metrics.internal.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real StatsD daemon (the npm {@code statsd} package, from {@code $CAPACITY_STATSD_HOME}) on
 * 127.0.0.1 and free ports, with no backend, read through its management interface.
 */
final class StatsdDaemon implements AutoCloseable {
  private final int port;
  private final int mgmtPort;
  private final Process process;

  StatsdDaemon(Path dir) throws Exception {
    String home = System.getenv().getOrDefault("CAPACITY_STATSD_HOME",
        System.getProperty("user.home") + "/.cache/capacity-ci/statsd");
    Path statsJs = Path.of(home, "node_modules", "statsd", "stats.js");
    RealDaemons.requireFile("a real StatsD", "run `npm install --prefix " + home
        + " statsd@0.9.0` or point CAPACITY_STATSD_HOME at such a folder", statsJs);
    port = freeUdpPort();
    mgmtPort = freeTcpPort();
    Path config = dir.resolve("statsd-config.js");
    Files.writeString(config, "{ port: " + port + ", address: \"127.0.0.1\", mgmt_port: " + mgmtPort
        + ", mgmt_address: \"127.0.0.1\", backends: [], flushInterval: 3600000 }\n");
    process = new ProcessBuilder("node", statsJs.toString(), config.toString())
        .directory(statsJs.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("statsd.out").toFile())
        .start();
    Await.until("statsd management interface on port " + mgmtPort + " (see " + dir.resolve("statsd.out") + ")",
        Duration.ofSeconds(30), () -> process.isAlive() && command("health").contains("up"));
  }

  int port() {
    return port;
  }

  /** {@code bad_lines_seen} from the management interface. */
  long badLines() {
    return number(command("stats"), "messages\\.bad_lines_seen: (\\d+)");
  }

  /** {@code statsd.metrics_received}: every line that arrived, good or bad. */
  long linesReceived() {
    return number(command("counters"), "'statsd\\.metrics_received': (\\d+)");
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + regex + " in: " + text);
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * One command's answer. The interface reads each packet as one command, so it gets one command
   * and is read until {@code END} (or the first line, for {@code health}).
   */
  private String command(String command) {
    String end = command.equals("health") ? "\n" : "END";
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mgmtPort), 500);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!answer.toString().contains(end)) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
      }
      return answer.toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
