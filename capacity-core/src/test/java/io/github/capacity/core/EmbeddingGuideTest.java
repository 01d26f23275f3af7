package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.TimeSource;
import io.github.capacity.api.testing.FakeTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/embedding.md true: its example is compiled against this build and run. */
class EmbeddingGuideTest {
  private static final Pattern EXAMPLE = Pattern.compile(
      "<!-- embedding-example:[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theGuidesExampleCompilesAndRunsAMinuteOfItsOwnTest() throws Exception {
    FakeTimeSource clock = FakeTimeSource.atSecond(0);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunSummary summary = runExample(clock, 60_000, printed);

    assertThat(summary.problems()).isEmpty();
    MinuteAccount account = summary.accounts().get(0);
    assertThat(account.testName()).isEqualTo("orders.depth");
    // The fake clock runs far ahead of the example's real asynchronous completions, so some
    // starts find 16 in flight and are dropped: the open model at work.
    assertThat(account.planned()).isEqualTo(600);
    assertThat(account.started() + account.dropped()).isEqualTo(600);
    assertThat(account.ok() + account.cancelled()).isEqualTo(account.started());
    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("orders.depth: planned 600, started ")
        .contains("orders.depth over the run: " + account.ok() + " ok, 0 failed, p50 ");
    TestSummary total = summary.tests().get("orders.depth");
    assertThat(total.started()).isEqualTo(account.started());
    assertThat(total.errorsByClass().keySet()).isSubsetOf("dropped", "cancelled");
  }

  @Test
  void anEngineStartedMidMinuteRunsFromNowAtItsRateWithoutCatchingUp() throws Exception {
    FakeTimeSource clock = FakeTimeSource.atSecond(30);
    RunSummary summary = runExample(clock, 30_000, new ByteArrayOutputStream());

    MinuteAccount account = summary.accounts().get(0);
    assertThat(account.planned()).as("600 a minute for the 30 s left, nothing owed").isEqualTo(300);
    assertThat(account.skipped()).isZero();
  }

  private RunSummary runExample(FakeTimeSource clock, long forMillis, ByteArrayOutputStream printed)
      throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "embedding.md"));
    Matcher m = EXAMPLE.matcher(guide);
    assertThat(m.find()).as("the example block in docs/embedding.md").isTrue();
    Path source = dir.resolve("EmbeddingExample.java");
    Files.writeString(source, m.group(1));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, null, diagnostics, "-d", dir.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    PrintStream stdout = System.out;
    RunSummary summary;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("EmbeddingExample").getMethod("run", TimeSource.class, long.class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      summary = (RunSummary) run.invoke(null, clock, clock.wallMillis() + forMillis);
    } finally {
      System.setOut(stdout);
    }
    return summary;
  }
}
