package io.github.capacity.metrics.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.testing.FakeTimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes replaying one spool at once: each record is sent by exactly one of them. */
class TwoProcessReplayTest {
  @TempDir Path folder;

  @Test
  void twoProcessesNeverSendTheSameRecord() throws Exception {
    FakeTimeSource time = new FakeTimeSource(1_767_225_600_000L);
    Spool earlier = new Spool(folder, 1 << 20, 1 << 20, time);
    for (int i = 0; i < 48; i++) {
      time.advanceMillis(1);
      earlier.append(String.format("record %-290d", i).getBytes(StandardCharsets.UTF_8), 1);
      if (i % 6 == 5) {
        earlier.close(); // eight segments of six records
      }
    }

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ReplayMain.class.getName(), folder.toString())
        .redirectError(folder.resolve("other.err").toFile())
        .start();
    List<String> mine = Collections.synchronizedList(new ArrayList<>());
    ReplayMain.replay(folder, payload -> mine.add(new String(payload, StandardCharsets.UTF_8).strip()));
    assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(other.exitValue()).as(Files.readString(folder.resolve("other.err"))).isZero();
    List<String> theirs = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    assertThat(mine).isNotEmpty().doesNotHaveDuplicates();
    assertThat(theirs).isNotEmpty().doesNotHaveDuplicates().doesNotContainAnyElementsOf(mine);
    Set<String> all = new HashSet<>(mine);
    all.addAll(theirs);
    assertThat(all).hasSize(48);
  }
}
