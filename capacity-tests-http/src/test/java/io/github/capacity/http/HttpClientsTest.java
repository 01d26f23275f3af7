package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpClientsTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  @Test
  void theDispatcherFollowsMaxInFlightAndMaxConnections() throws Exception {
    HttpSpec spec = new HttpDefinitionReader(name -> null)
        .read(definition("url", "http://127.0.0.1/", "max_connections", 3, "timeout", "2s"));
    OkHttpClient client = HttpClients.create(spec, 16);
    try {
      assertThat(client.dispatcher().getMaxRequests()).isEqualTo(16);
      assertThat(client.dispatcher().getMaxRequestsPerHost()).isEqualTo(3);
      assertThat(client.callTimeoutMillis()).isEqualTo(2000);
      assertThat(client.retryOnConnectionFailure()).isTrue();
      assertThat(client.followRedirects()).isFalse();
    } finally {
      client.dispatcher().executorService().shutdown();
    }
    OkHttpClient few = HttpClients.create(spec, 2);
    assertThat(few.dispatcher().getMaxRequestsPerHost()).isEqualTo(2);
    few.dispatcher().executorService().shutdown();
  }

  @Test
  void sendsABodyFileRelativeToTestsJson() throws Exception {
    Files.writeString(dir.resolve("order.json"), "{\"sku\":42}");
    server.enqueue(new MockResponse.Builder().code(200).build());
    io.github.capacity.api.Definition d = new io.github.capacity.api.Definition(
        dir.resolve("tests.json").toString(), "order", "http",
        java.util.Map.of("url", server.url("/o").toString(), "method", "PUT", "body_file", "order.json"));
    assertThat(HttpFixtures.runOnce(d).ok()).isTrue();
    var request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getBody().utf8()).isEqualTo("{\"sku\":42}");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
  }

  /** The whole-call timeout firing before the connection is made still reads as connect_timeout. */
  @Test
  void theCallTimeoutDuringConnectIsConnectTimeout() throws Exception {
    try (RawServer full = RawServer.withFullBacklog()) {
      long startedAt = System.nanoTime();
      Outcome outcome = HttpFixtures.runOnce(definition("url", full.url(),
          "connect_timeout", "5s", "timeout", "300ms"));
      assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.CONNECT_TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
