package io.github.capacity.runner.fleet;

import io.github.capacity.api.testing.NginxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's one target: a private nginx on 127.0.0.1 and a free port ({@link NginxProcess}).
 * The access log has a line per request with the time nginx finished it ({@code $msec},
 * millisecond resolution), how long it took ({@code $request_time}) and its path, which names the simulated host that sent it. Stopped by
 * {@link #close()}.
 */
final class FleetTarget implements AutoCloseable {
  /**
   * One request as nginx logged it: its end and its start (the end less nginx's {@code
   * $request_time}) in epoch milliseconds, and the host in its path.
   */
  record Arrival(long epochMillis, long startMillis, String host) {}

  private final Path dir;
  private final NginxProcess nginx;

  private FleetTarget(Path dir, NginxProcess nginx) {
    this.dir = dir;
    this.nginx = nginx;
  }

  /** Starts nginx in {@code dir} and waits (10 s at most) until its port accepts. */
  static FleetTarget start(Path dir) throws IOException, InterruptedException {
    return new FleetTarget(dir, NginxProcess.start(dir, port -> String.join("\n",
        // Unbuffered: each line is written when its request ends.
        "  log_format fleet '$msec $request_time $uri $status';",
        "  access_log " + dir.resolve("access.log") + " fleet;",
        "  keepalive_requests 1000000;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    location / { default_type text/plain; return 200 \"ok\"; }",
        "  }")));
  }

  /** The URL of {@code path} on this target. */
  String url(String path) {
    return "http://127.0.0.1:" + nginx.port() + path;
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
      if (fields.length == 4 && fields[3].equals("200")) {
        long millis = Math.round(Double.parseDouble(fields[0]) * 1000);
        long start = millis - Math.round(Double.parseDouble(fields[1]) * 1000);
        arrivals.add(new Arrival(millis, start, fields[2].substring(1)));
      }
    }
    return arrivals;
  }

  @Override
  public void close() {
    try {
      nginx.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
