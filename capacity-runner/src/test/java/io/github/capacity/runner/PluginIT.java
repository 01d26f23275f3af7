package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The example third-party plugins of {@code docs/examples}, each built on its own as its {@code
 * pom.xml} would (compiled with the JDK's compiler and jarred with its services file, without
 * needing the project installed in a Maven repository): their own contract tests, written with
 * {@code capacity-plugin-kit}, pass; then both jars are dropped into {@code plugins.dir} and the
 * cron job runs the {@code hello} test type reporting to the {@code lines} destination.
 */
class PluginIT {
  private static final Path HELLO = Path.of("../docs/examples/hello-plugin");
  private static final Path LINES = Path.of("../docs/examples/lines-destination");

  @TempDir Path home;

  @Test
  void theExamplesPassTheirContractTestsFromTheKit() throws Exception {
    String classPath = System.getProperty("java.class.path");
    for (Path example : List.of(HELLO, LINES)) {
      String name = example.getFileName().toString();
      Path jar = PluginJars.fromFolders(home.resolve(name + ".jar"), example.resolve("src/main/java"),
          example.resolve("src/main/resources"), classPath);
      Path tests = PluginJars.fromFolders(home.resolve(name + "-tests.jar"), example.resolve("src/test/java"),
          example.resolve("src/test/resources"), classPath + File.pathSeparator + jar);

      TestExecutionSummary summary = runTests(List.of(jar, tests), testClasses(example.resolve("src/test/java")));

      StringBuilder failures = new StringBuilder();
      summary.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName())
          .append(": ").append(f.getException()).append('\n'));
      assertThat(summary.getTotalFailureCount()).as(name + " failures:\n" + failures).isZero();
      assertThat(summary.getTestsSucceededCount()).as(name + " tests passed").isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void theExamplesRunTogetherInCronMode() throws Exception {
    Installed installed = new Installed(home);
    String lib = jarsOf(Installed.distribution().resolve("lib"), "capacity-api-", "capacity-sink-");
    PluginJars.fromFolders(installed.plugins.resolve("hello-plugin-1.0.0.jar"),
        HELLO.resolve("src/main/java"), HELLO.resolve("src/main/resources"), lib);
    PluginJars.fromFolders(installed.plugins.resolve("lines-destination-1.0.0.jar"),
        LINES.resolve("src/main/java"), LINES.resolve("src/main/resources"), lib);

    try (ServerSocket greeter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger greeted = new AtomicInteger();
      CompletableFuture<Void> firstGreeting = new CompletableFuture<>();
      daemon(() -> answerHellos(greeter, greeted, firstGreeting));
      Queue<String> received = new ConcurrentLinkedQueue<>();
      daemon(() -> collectLines(collector, received));
      installed.tests("{\"greeter\": {\"type\": \"hello\", \"host\": \"127.0.0.1\", \"port\": "
          + greeter.getLocalPort() + ", \"timeout\": \"2s\"}}\n");
      Files.writeString(home.resolve("destinations.json"), "{\"results\": {\"type\": \"lines\","
          + " \"host\": \"127.0.0.1\", \"port\": " + collector.getLocalPort() + "}}\n");
      installed.line("hello.conf", "hello.greeter|greeter|600|results");

      Installed.Run check = installed.run(Duration.ofSeconds(30), "check");
      assertThat(check.stdout()).contains("test types: hello, http")
          .containsPattern("hello\\.greeter +greeter \\(hello\\) 600/min -> results");
      assertThat(check.exitCode()).as(check.stderr()).isEqualTo(ExitCode.OK);

      Installed.awaitSecondOfMinute(0, 45);
      Installed.Run run = installed.start("cron");
      firstGreeting.get(20, TimeUnit.SECONDS);
      Installed.await(Duration.ofSeconds(10), "five greetings", () -> greeted.get() >= 5);
      Installed.await(Duration.ofSeconds(10), "lines at the collector", () -> received.size() >= 3);
      Files.writeString(installed.stopFile, "");
      run.waitFor(Duration.ofSeconds(10));

      assertThat(run.exitCode()).isEqualTo(ExitCode.STOPPED);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).isEmpty();
      assertThat(received).first().asString().matches("hello\\.greeter ok \\d+\\.\\d");
    }
  }

  /** Runs the named test classes from {@code jars} as their build would, with them as context. */
  private static TestExecutionSummary runTests(List<Path> jars, List<String> classNames) throws Exception {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = jars.get(i).toUri().toURL();
    }
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls, PluginIT.class.getClassLoader())) {
      current.setContextClassLoader(loader); // ServiceLoader finds the example through it
      LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
      for (String className : classNames) {
        request.selectors(selectClass(loader.loadClass(className)));
      }
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request.build(), listener);
      return listener.getSummary();
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private static List<String> testClasses(Path testSources) throws IOException {
    try (Stream<Path> files = Files.walk(testSources)) {
      return files.filter(f -> f.toString().endsWith("Test.java"))
          .map(f -> testSources.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.java$", ""))
          .toList();
    }
  }

  private static String jarsOf(Path lib, String... prefixes) throws IOException {
    try (Stream<Path> jars = Files.list(lib)) {
      List<String> found = jars.filter(j -> Stream.of(prefixes).anyMatch(j.getFileName().toString()::startsWith))
          .map(Path::toString).sorted().toList();
      assertThat(found).as("jars in " + lib).hasSize(prefixes.length);
      return String.join(File.pathSeparator, found);
    }
  }

  private static void daemon(Runnable body) {
    Thread thread = new Thread(body);
    thread.setDaemon(true);
    thread.start();
  }

  private static void collectLines(ServerSocket server, Queue<String> received) {
    try {
      while (true) {
        try (Socket socket = server.accept();
            BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            received.add(line);
          }
        }
      }
    } catch (IOException closed) {
      // the test is over
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
