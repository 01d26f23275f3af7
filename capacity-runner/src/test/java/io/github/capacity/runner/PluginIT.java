package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin of {@code docs/examples/hello-plugin}, built on its own against
 * the distribution's {@code capacity-api} jar (compiled with the JDK's compiler and jarred with
 * its services file, which is what its {@code pom.xml} does, without needing the API installed in
 * a Maven repository), dropped into {@code plugins.dir} and run by the cron job.
 */
class PluginIT {
  private static final Path EXAMPLE = Path.of("../docs/examples/hello-plugin");

  @TempDir Path home;

  @Test
  void theExamplePluginRunsAsATestTypeInCronMode() throws Exception {
    Installed installed = new Installed(home);
    Path apiJar;
    try (Stream<Path> jars = Files.list(Installed.distribution().resolve("lib"))) {
      apiJar = jars.filter(j -> j.getFileName().toString().startsWith("capacity-api-")).findFirst().orElseThrow();
    }
    PluginJars.fromFolders(installed.plugins.resolve("hello-plugin-1.0.0.jar"),
        EXAMPLE.resolve("src/main/java"), EXAMPLE.resolve("src/main/resources"), apiJar.toString());

    try (ServerSocket greeter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger greeted = new AtomicInteger();
      CompletableFuture<Void> firstGreeting = new CompletableFuture<>();
      Thread server = new Thread(() -> answerHellos(greeter, greeted, firstGreeting));
      server.setDaemon(true);
      server.start();
      installed.tests("{\"greeter\": {\"type\": \"hello\", \"host\": \"127.0.0.1\", \"port\": "
          + greeter.getLocalPort() + ", \"timeout\": \"2s\"}}\n");
      installed.line("hello.conf", "hello.greeter|greeter|600|file");

      Installed.Run check = installed.run(Duration.ofSeconds(30), "check");
      assertThat(check.stdout()).contains("test types: hello, http")
          .containsPattern("hello\\.greeter +greeter \\(hello\\) 600/min -> file");
      assertThat(check.exitCode()).isEqualTo(ExitCode.OK);

      Installed.awaitSecondOfMinute(0, 45);
      Installed.Run run = installed.start("cron");
      firstGreeting.get(20, TimeUnit.SECONDS);
      Installed.await(Duration.ofSeconds(10), "five greetings", () -> greeted.get() >= 5);
      Files.writeString(installed.stopFile, "");
      run.waitFor(Duration.ofSeconds(10));

      assertThat(run.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).isEmpty();
      try (Stream<Path> results = Files.list(installed.logDir)) {
        String lines = Files.readString(results.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        assertThat(lines).contains("\"test_name\":\"hello.greeter\"", "\"ok\":true");
      }
    }
  }

  private static void answerHellos(ServerSocket server, AtomicInteger greeted, CompletableFuture<Void> first) {
    try {
      while (true) {
        try (Socket socket = server.accept()) {
          String line = new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
          OutputStream out = socket.getOutputStream();
          out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          greeted.incrementAndGet();
          first.complete(null);
        }
      }
    } catch (IOException closed) {
      // the test is over
    }
  }
}
