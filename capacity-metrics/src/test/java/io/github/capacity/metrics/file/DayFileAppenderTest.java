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

  @Test
  void aFileAtItsSizeCapTakesNoMoreAndCountsTheLinesItRefused() throws IOException {
    Path file = dir.resolve("results.jsonl");
    DayFileAppender appender = new DayFileAppender(dir, 20);

    appender.send("results.jsonl", bytes("{\"a\":1}\n{\"b\":2}\n"));  // 16 bytes: fits
    appender.send("results.jsonl", bytes("{\"c\":3}\n"));             // would make 24
    appender.send("results.jsonl", bytes("{}\n"));                   // 19: fits

    assertThat(Files.readString(file)).isEqualTo("{\"a\":1}\n{\"b\":2}\n{}\n");
    assertThat(appender.refusedLines()).isEqualTo(1);
  }

  @Test
  void maxFileSizeTakesUnitsAndRefusesWhatIsNotASize() throws Exception {
    assertThat(FileDestination.maxFileSize(definition("2g"))).isEqualTo(2L << 30);
    assertThat(FileDestination.maxFileSize(definition(1_048_576))).isEqualTo(1L << 20);
    assertThat(FileDestination.maxFileSize(new io.github.capacity.api.Definition("d.json", "f", "file",
        java.util.Map.of()))).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> FileDestination.maxFileSize(definition("10k")))
        .hasMessageContaining("expected a size of at least 1m");
    assertThatThrownBy(() -> FileDestination.maxFileSize(definition("lots")))
        .hasMessageContaining("expected a size of at least 1m");
  }

  private static io.github.capacity.api.Definition definition(Object size) {
    return new io.github.capacity.api.Definition("d.json", "f", "file", java.util.Map.of("max_file_size", size));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
