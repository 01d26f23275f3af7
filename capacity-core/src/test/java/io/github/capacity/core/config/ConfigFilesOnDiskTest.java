package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.path} as a file, a folder and a path that does not exist yet. */
class ConfigFilesOnDiskTest {
  @TempDir Path dir;

  @Test
  void aMissingPathHasNoLinesAndNoErrors() {
    ConfigSource.Snapshot snapshot = ConfigFiles.read(dir.resolve("conf.d"));

    assertThat(snapshot.lines()).isEmpty();
    assertThat(snapshot.errors()).isEmpty();
  }

  @Test
  void aSingleFileIsReadWhateverItsName() throws IOException {
    Path file = write(dir.resolve("capacity.lines"), "home|homepage|60|graphite\nbad\n");

    ConfigSource.Snapshot snapshot = ConfigFiles.read(file);

    assertThat(snapshot.lines()).extracting(TestLine::where).containsExactly(file + ":1");
    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(file
        + ":2: found 1 field, expected 4 separated by '|': test_name|test_type|test_frequency|metrics_destination");
  }

  @Test
  void aFolderReadsItsConfFilesInNameOrderIgnoresOtherNamesAndReportsAFolderNamedConf()
      throws IOException {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    write(confD.resolve("b-search.conf"), "search|search|30|file\n");
    write(confD.resolve("a-shop.conf"), "home|homepage|60|graphite\ncart|checkout|6|file\n");
    write(confD.resolve(".hidden.conf"), "hidden|t|1|file\n");
    write(confD.resolve("notes.txt"), "notes|t|1|file\n");
    write(confD.resolve("shop.conf.bak"), "backup|t|1|file\n");
    Path sub = Files.createDirectory(confD.resolve("old.conf"));
    write(sub.resolve("old.conf"), "old|t|1|file\n");

    ConfigSource.Snapshot snapshot = ConfigFiles.read(confD);

    assertThat(snapshot.errors()).extracting(ConfigError::toString)
        .containsExactly(sub + ": is a folder, expected a regular file");
    assertThat(snapshot.lines()).extracting(TestLine::testName).containsExactly("home", "cart", "search");
    assertThat(snapshot.lines().get(2).source()).isEqualTo(confD.resolve("b-search.conf").toString());
  }

  @Test
  void errorsNameTheFileAsConfigPathJoinedWithItsName() throws IOException {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    write(confD.resolve("shop.conf"), "# shop\n\n\n\n\n\nlogin|login|abc|file\n");

    ConfigSource.Snapshot snapshot = ConfigFiles.read(confD);

    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(confD
        + "/shop.conf:7: test_frequency \"abc\" is not a number, expected executions per minute such as 60");
  }

  @Test
  void aNameDefinedInTwoFilesIsKeptFromTheFirstAndTheSecondNamesWhereTheFirstIs() throws IOException {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path first = write(confD.resolve("a.conf"), "home|homepage|60|graphite\n");
    Path second = write(confD.resolve("b.conf"), "cart|checkout|6|file\nhome|other|1|file\n");

    ConfigSource.Snapshot snapshot = ConfigFiles.read(confD);

    assertThat(snapshot.lines()).extracting(TestLine::where)
        .containsExactly(first + ":1", second + ":1");
    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(second
        + ":2: test_name \"home\" is already defined at " + first
        + ":1, expected each test_name once (this line is ignored)");
  }

  @Test
  void aFileLargerThanTheLimitIsOneError() throws IOException {
    Path file = dir.resolve("huge.conf");
    Files.write(file, new byte[(int) ConfigFiles.MAX_FILE_BYTES + 1]);

    ConfigSource.Snapshot snapshot = ConfigFiles.read(file);

    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(
        file + ": is 1048577 bytes, expected at most 1048576 bytes");
  }

  @Test
  void fileConfigSourceReadsTheFilesAgainEachTime() throws IOException {
    Path confD = dir.resolve("conf.d");
    FileConfigSource source = new FileConfigSource(confD);
    assertThat(source.read().lines()).isEmpty();

    Files.createDirectory(confD);
    Path shop = write(confD.resolve("shop.conf"), "home|homepage|60|graphite\n");
    assertThat(source.read().lines()).extracting(TestLine::frequency).containsExactly(60);

    write(shop, "home|homepage|120|graphite\n");
    assertThat(source.read().lines()).extracting(TestLine::frequency).containsExactly(120);

    Files.delete(shop);
    assertThat(source.read().lines()).isEmpty();
    assertThat(source.read().errors()).isEmpty();
  }

  @Test
  void somethingThatIsNotAFileBecomesAnErrorNotAnException() {
    ConfigSource.Snapshot snapshot = new FileConfigSource(Path.of("/dev/null")).read();

    assertThat(snapshot.lines()).isEmpty();
    assertThat(snapshot.errors()).extracting(ConfigError::toString).containsExactly(
        "/dev/null: is a device, expected a regular file");
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }
}
