package io.github.capacity.runner;

import io.github.capacity.api.testing.NginxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For integration tests: a real nginx that answers 200 up to a known rate and 503 above it
 * ({@code limit_req}, the configuration of docs/capacity-search.md). Stopped by {@link #close()}.
 */
final class RateLimitedNginx implements AutoCloseable {
  private final NginxProcess nginx;

  private RateLimitedNginx(NginxProcess nginx) {
    this.nginx = nginx;
  }

  /** Limits every client together to {@code perSecond} requests a second with a burst of {@code burst}. */
  static RateLimitedNginx start(Path dir, int perSecond, int burst) throws IOException, InterruptedException {
    Path html = Files.createDirectories(dir.resolve("html"));
    Files.writeString(html.resolve("index.html"), "ok\n");
    return new RateLimitedNginx(NginxProcess.start(dir, port -> String.join("\n",
        "  access_log off;",
        "  keepalive_requests 100000;",
        "  limit_req_zone $server_name zone=capacity:1m rate=" + perSecond + "r/s;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    server_name knee;",
        "    root " + html + ";",
        "    limit_req zone=capacity burst=" + burst + " nodelay;",
        "    limit_req_status 503;",
        "    limit_req_log_level info;",
        "  }")));
  }

  String url() {
    return "http://127.0.0.1:" + nginx.port() + "/";
  }

  @Override
  public void close() throws InterruptedException {
    nginx.close();
  }
}
