package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plain-http run on the own client loads no OkHttp, okio or Kotlin class: a JVM of its own runs
 * one execution with {@code -Xlog:class+load} and every class it loaded is looked at. (The A/B in
 * {@code bench/client-ab} measures what that saves a cron run's start-up.)
 */
class PlainHttpClassesTest {
  @Test
  void aPlainHttpExecutionLoadsNoOkHttpOkioOrKotlinClass() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm = new ProcessBuilder(java, "-Xlog:class+load=info", "-Xshare:off",
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true).start();
    byte[] output = jvm.getInputStream().readAllBytes();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
    List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();

    assertThat(lines).as("the execution ran on the own client").contains("outcome: " + Outcome.ok(200, 2));
    assertThat(lines).as("classes loaded").anyMatch(line -> line.contains(" io.github.capacity.http.NioClient "));
    assertThat(lines).filteredOn(line -> line.contains("[class,load]"))
        .noneMatch(line -> line.matches(".*\\] (okhttp3|okio|kotlin)\\..*"));
  }

  /** One execution of a plain-http definition against a raw loopback server. */
  static final class Main {
    public static void main(String[] args) throws Exception {
      try (RawServer server = RawServer.serving(socket -> RealServerBehaviours.respondToEach(socket, RealServerBehaviours.OK));
          PreparedTest test = new HttpTestType(name -> null).prepare(
              HttpFixtures.definition("url", server.url()), HttpFixtures.context(1))) {
        System.out.println("outcome: " + HttpFixtures.runOnce(test));
      }
      System.exit(0);
    }
  }
}
