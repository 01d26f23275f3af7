package io.github.capacity.metrics.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole lines only, even when the disk fills up in the middle of a batch; no link followed. */
class DayFileAppenderTest {
  @TempDir Path dir;

  @Test
  void aDiskFillingUpMidBatchLeavesNoHalfLine() throws IOException {
    Path file = Files.writeString(dir.resolve("results.jsonl"), "{\"kept\":1}\n");
    DayFileAppender appender = new DayFileAppender(dir, path -> new FullDiskChannel(
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 15));

    assertThatThrownBy(() -> appender.send("results.jsonl", bytes("{\"a\":1}\n{\"b\":2}\n")))
        .hasMessage("No space left on device");

    assertThat(Files.readString(file)).isEqualTo("{\"kept\":1}\n");
  }

  @Test
  void aLinkPlantedAsTheResultsFileIsNeverFollowed() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path link = Files.createSymbolicLink(dir.resolve("results.jsonl"), victim);

    assertThatThrownBy(() -> new DayFileAppender(dir).send("results.jsonl", bytes("{\"a\":1}\n")))
        .hasMessage(link + ": is a symbolic link, expected a regular file (remove it; capacity"
            + " never follows links in the results folder)");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
