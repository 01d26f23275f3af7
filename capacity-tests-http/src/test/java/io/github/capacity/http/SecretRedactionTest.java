package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets are sent to the target and nowhere else: not in a log line (slf4j-simple writes to
 * System.err at debug level in tests), not in an outcome's detail, not in a definition error.
 */
class SecretRedactionTest {
  private static final String TOKEN = "s3cr3t-token-from-env";
  private static final String COOKIE = "session=cookie-value-42";
  private static final String PASSWORD = "hunter2pass";

  @StartStop
  final MockWebServer server = new MockWebServer();

  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final List<String> messages = new ArrayList<>();
  private final HttpTestType type = new HttpTestType(Map.of("API_TOKEN", TOKEN)::get);
  private PrintStream originalErr;

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLogs() {
    System.setErr(originalErr);
  }

  private Definition withSecrets(String url, Object... more) {
    Object[] keysAndValues = new Object[4 + more.length];
    keysAndValues[0] = "url";
    keysAndValues[1] = url;
    keysAndValues[2] = "headers";
    keysAndValues[3] = Map.of("Authorization", "Bearer ${env:API_TOKEN}", "Cookie", COOKIE);
    System.arraycopy(more, 0, keysAndValues, 4, more.length);
    return definition(keysAndValues);
  }

  private void run(Definition definition) throws Exception {
    try (PreparedTest test = type.prepare(definition, HttpFixtures.context(2))) {
      Outcome outcome = HttpFixtures.runOnce(test);
      messages.add(String.valueOf(outcome.detail()));
    }
  }

  @Test
  void secretHeaderValuesAndUrlPasswordsAppearInNoLogLineOrError() throws Exception {
    String withPassword = "http://admin:" + PASSWORD + "@127.0.0.1:";
    server.enqueue(new MockResponse.Builder().code(500).body("Bearer " + TOKEN).build());
    server.enqueue(new MockResponse.Builder().code(200).body("no").build());
    run(withSecrets(server.url("/").toString()));
    run(withSecrets(withPassword + server.getPort() + "/", "headers",
        Map.of("X-Api-Key", "${env:API_TOKEN}"), "expect", Map.of("body_contains", "yes")));
    run(withSecrets(withPassword + RawServer.closedPort() + "/", "headers", Map.of()));
    run(withSecrets("http://admin:" + PASSWORD + "@capacity-test.invalid/", "headers", Map.of()));
    for (Definition bad : List.of(
        withSecrets("http://admin:" + PASSWORD + "@/"),
        withSecrets("ftp://admin:" + PASSWORD + "@files.example/"),
        definition("url", "http://127.0.0.1/", "headers", Map.of("Authorization", "Bearer " + TOKEN + "\n")))) {
      try {
        type.prepare(bad, HttpFixtures.context(1));
        messages.add("accepted: " + bad);
      } catch (InvalidDefinitionException e) {
        messages.add(e.getMessage());
      }
    }

    // The secrets did reach the target, so the scrubbing was not vacuous.
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Cookie")).isEqualTo(COOKIE);
    assertThat(messages).hasSize(7).noneMatch(m -> m.startsWith("accepted"));
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("http_status", "dns", "connect_refused");
    for (String secret : List.of(TOKEN, COOKIE, "cookie-value-42", PASSWORD)) {
      assertThat(logged).as("log lines").doesNotContain(secret);
      assertThat(messages).as("details and errors").noneMatch(m -> m.contains(secret));
    }
  }
}
