package io.github.capacity.metrics.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: two processes appending to one day file for 10 s leave only whole JSON lines. */
class TwoProcessAppendTest {
  @TempDir Path folder;

  @Test
  void twoProcessesAppendingAtOnceLeaveOnlyWholeLines() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        AppendMain.class.getName(), folder.toString(), "other", "10")
        .redirectError(folder.resolve("other.err").toFile())
        .start();
    long[] mine = AppendMain.append(folder, "mine", 10);
    assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("the other process ended").isTrue();
    String[] theirs = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
    assertThat(other.exitValue()).as(Files.readString(folder.resolve("other.err"))).isZero();

    Map<String, Long> lines = new HashMap<>();
    ObjectMapper mapper = new ObjectMapper();
    Path file = folder.resolve("results-2026-01-01.jsonl");
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      for (String line; (line = reader.readLine()) != null; ) {
        JsonNode node = mapper.readTree(line);  // throws on a torn or mixed line
        assertThat(node.get("detail").asText()).matches("(mine)+|(other)+");
        lines.merge(node.get("test_name").asText(), 1L, Long::sum);
      }
    }
    assertThat(Files.readString(file)).endsWith("\n");
    assertThat(lines.get("mine")).isEqualTo(mine[0] - mine[1]).isPositive();
    assertThat(lines.get("other")).isEqualTo(Long.parseLong(theirs[0]) - Long.parseLong(theirs[1])).isPositive();
  }
}
