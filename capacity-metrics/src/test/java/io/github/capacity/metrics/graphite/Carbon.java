package io.github.capacity.metrics.graphite;

import io.github.capacity.api.testing.RealDaemons;
import io.github.capacity.metrics.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A real carbon-cache (Debian's {@code graphite-carbon}) on 127.0.0.1 and free ports, with its
 * configuration, whisper files, logs and pid file in one folder; read back with {@code
 * whisper-fetch} ({@code python3-whisper}).
 */
final class Carbon implements AutoCloseable {
  static final Path CARBON_CACHE = Path.of("/usr/bin/carbon-cache");
  static final Path WHISPER_FETCH = Path.of("/usr/bin/whisper-fetch");

  private final Path dir;
  private final int port;
  private Process process;

  Carbon(Path dir) throws Exception {
    RealDaemons.requireExecutable("a real carbon-cache",
        "apt-get install graphite-carbon python3-whisper", CARBON_CACHE, WHISPER_FETCH);
    this.dir = dir;
    this.port = freePort();
    Files.writeString(dir.resolve("storage-schemas.conf"), "[all]\npattern = .*\nretentions = 10s:1d\n");
    Files.writeString(dir.resolve("carbon.conf"), String.join("\n",
        "[cache]",
        "STORAGE_DIR = " + dir.resolve("storage") + "/",
        "LOCAL_DATA_DIR = " + dir.resolve("storage/whisper") + "/",
        "WHITELISTS_DIR = " + dir.resolve("storage/lists") + "/",
        "CONF_DIR = " + dir + "/",
        "LOG_DIR = " + dir.resolve("log") + "/",
        "PID_DIR = " + dir + "/",
        "ENABLE_LOGROTATION = False",
        "ENABLE_TAGS = False",
        "MAX_CACHE_SIZE = inf",
        "MAX_UPDATES_PER_SECOND = 10000",
        "MAX_CREATES_PER_MINUTE = 10000",
        "WHISPER_AUTOFLUSH = True",
        "LINE_RECEIVER_INTERFACE = 127.0.0.1",
        "LINE_RECEIVER_PORT = " + port,
        "ENABLE_UDP_LISTENER = False",
        "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
        "PICKLE_RECEIVER_PORT = " + freePort(),
        "CACHE_QUERY_INTERFACE = 127.0.0.1",
        "CACHE_QUERY_PORT = " + freePort(),
        ""));
    start();
  }

  /** Starts carbon-cache on the same ports and files; returns once it accepts connections. */
  void start() throws IOException {
    process = new ProcessBuilder(CARBON_CACHE.toString(), "--config=" + dir.resolve("carbon.conf"), "--nodaemon", "start")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("carbon.out").toFile()))
        .start();
    Await.until("carbon-cache listening on port " + port + " (see " + dir.resolve("carbon.out") + ")",
        Duration.ofSeconds(60), () -> process.isAlive() && accepts(port));
  }

  int port() {
    return port;
  }

  /** The value stored for {@code metric} at {@code epochSeconds}, once Carbon has written it; fails after 30 s. */
  double await(String metric, long epochSeconds) throws Exception {
    Path file = dir.resolve("storage/whisper").resolve(metric.replace('.', '/') + ".wsp");
    double[] value = new double[1];
    Await.until(metric + " at " + epochSeconds + " in " + file, Duration.ofSeconds(30), () -> {
      OptionalDouble read = read(file, epochSeconds);
      read.ifPresent(v -> value[0] = v);
      return read.isPresent();
    });
    return value[0];
  }

  private static OptionalDouble read(Path file, long epochSeconds) {
    if (!Files.exists(file)) {
      return OptionalDouble.empty();
    }
    try {
      Process fetch = new ProcessBuilder(WHISPER_FETCH.toString(), "--drop=nulls",
          "--from=" + (epochSeconds - 1), "--until=" + (epochSeconds + 9), file.toString())
          .redirectErrorStream(true).start();
      String out = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      fetch.waitFor(10, TimeUnit.SECONDS);
      for (String line : out.split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length == 2 && fields[0].equals(Long.toString(epochSeconds))) {
          return OptionalDouble.of(Double.parseDouble(fields[1]));
        }
      }
      return OptionalDouble.empty();
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops carbon-cache (SIGTERM: it writes its cache out first); {@link #start} starts it again. */
  void stop() {
    close();
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
