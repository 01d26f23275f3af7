package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Against a real nginx on 127.0.0.1, started with its own configuration and stopped after. */
class NginxIntegrationTest {
  private static final String PAGE = "<html><body>Welcome to the shop</body></html>\n";

  @TempDir
  Path dir;

  private NginxServer nginx;

  @BeforeEach
  void startNginx() throws Exception {
    nginx = NginxServer.start(dir);
    Files.writeString(nginx.root().resolve("index.html"), PAGE);
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) { // null when this machine has no nginx and the test was skipped
      nginx.close();
    }
  }

  @ParameterizedTest(name = "client {0}")
  @ValueSource(strings = {"okhttp", "nio"})
  void aStaticPageIsOk(String client) throws Exception {
    Outcome outcome = HttpFixtures.runOnce(definition("url", nginx.url("/index.html"),
        "expect", Map.of("status", 200, "body_contains", "Welcome"), "client", client));
    assertThat(outcome).isEqualTo(Outcome.ok(200, PAGE.length()));
    assertThat(nginx.accessLog(1)).singleElement().asString().endsWith("200 GET /index.html HTTP/1.1");
  }

  @Test
  void aMissingPageIsHttpStatus404() throws Exception {
    Outcome outcome = HttpFixtures.runOnce(definition("url", nginx.url("/missing.html")));
    assertThat(outcome.errorClass()).isEqualTo(ErrorClass.HTTP_STATUS);
    assertThat(outcome.status()).isEqualTo(404);
    assertThat(outcome.bytes()).isPositive();
  }

  @ParameterizedTest(name = "client {0}")
  @ValueSource(strings = {"okhttp", "nio"})
  void startsFromSeveralThreadsAtOnceEachGetTheirOutcome(String client) throws Exception {
    int threads = 4;
    int perThread = 500;
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(threads * perThread);
    try (PreparedTest test = new HttpTestType().prepare(definition("url", nginx.url("/index.html"),
        "max_connections", 3, "client", client), HttpFixtures.context(threads * perThread))) {
      List<Thread> starters = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // The starts race with each other and with the completions for the client's lock; a
        // start that finds it taken hands its call over, and none may be lost.
        Thread starter = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            test.start("shop.homepage", outcome -> {
              outcomes.add(outcome);
              done.countDown();
            });
          }
        });
        starter.start();
        starters.add(starter);
      }
      for (Thread starter : starters) {
        starter.join();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("all outcomes within 60 s").isTrue();
    }
    assertThat(outcomes).hasSize(threads * perThread).allMatch(Outcome::ok);
    assertThat(nginx.accessLog(threads * perThread)).hasSize(threads * perThread);
  }

  @ParameterizedTest(name = "client {0}")
  @ValueSource(strings = {"okhttp", "nio"})
  void aThousandExecutionsReuseAtMostMaxConnectionsConnections(String client) throws Exception {
    int executions = 1000;
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(executions);
    try (PreparedTest test = new HttpTestType().prepare(
        definition("url", nginx.url("/index.html"), "max_connections", 8, "client", client), HttpFixtures.context(64))) {
      for (int i = 0; i < executions; i++) {
        test.start("shop.homepage", outcome -> {
          outcomes.add(outcome);
          done.countDown();
        });
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("all outcomes within 60 s").isTrue();
    }
    assertThat(outcomes).hasSize(executions).allMatch(Outcome::ok);
    List<String> log = nginx.accessLog(executions);
    assertThat(log).hasSize(executions);
    Set<String> connections = log.stream().map(line -> line.split(" ")[0]).collect(Collectors.toSet());
    assertThat(connections).as("distinct $connection in the access log").hasSizeBetween(1, 8);
  }
}
