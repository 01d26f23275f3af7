package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented limit of {@code tests.json} (16 MiB) fits in the heap {@code bin/capacity} gives
 * the run: parsed in a child JVM with the launcher's own {@code -Xmx}, read from the script.
 */
class BigFileTest {
  @TempDir Path dir;

  @Test
  void aTestsFileAtTheSizeLimitParsesInTheLaunchersHeap() throws Exception {
    Path tests = dir.resolve("tests.json");
    int entries = 0;
    try (BufferedWriter out = Files.newBufferedWriter(tests, StandardCharsets.UTF_8)) {
      out.write("{\n");
      long written = 2;
      String filler = "x".repeat(40);
      while (true) {
        String entry = String.format("\"t%06d\": {\"type\": \"http\", \"url\": \"http://127.0.0.1/%s\","
            + " \"timeout\": \"5s\", \"expect\": {\"status\": [\"2xx\", 304]}}", entries, filler);
        if (written + entry.length() + 4 > DefinitionsFile.MAX_FILE_BYTES) {
          break;
        }
        out.write(entries == 0 ? "  " : ",\n  ");
        out.write(entry);
        written += entry.length() + 4;
        entries++;
      }
      out.write("\n}\n");
    }
    assertThat(Files.size(tests)).isBetween(DefinitionsFile.MAX_FILE_BYTES - 1024, DefinitionsFile.MAX_FILE_BYTES);

    String launcher = Files.readString(Path.of("../capacity-runner/src/dist/bin/capacity"));
    java.util.regex.Matcher xmx = java.util.regex.Pattern.compile("JVM_OPTS=\"[^\"]*?(-Xmx[0-9]+[mg])").matcher(launcher);
    assertThat(xmx.find()).as("bin/capacity sets -Xmx").isTrue();
    Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
        "-XX:+UseSerialGC", xmx.group(1), "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), BigFileChild.class.getName(), tests.toString())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output.lines().toList()).as("the child's output").isEqualTo(List.of(entries + " 0"));
    assertThat(child.exitValue()).isZero();
  }
}
