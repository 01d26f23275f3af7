package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.capacity.core.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, a folder, a dangling link or a link loop where a file is expected is an error naming
 * it, never a read that blocks. The bound on each test only guards against the hang it tests.
 */
class RegularFileTest {
  static final Duration NEVER_HANGS = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aFifoAsTestsFileIsAnErrorNotABlockingRead() throws Exception {
    Path fifo = fifo(dir.resolve("tests.json"));

    DefinitionsFile read = assertTimeoutPreemptively(NEVER_HANGS, () -> DefinitionsFile.read(fifo));

    assertThat(read.errors()).extracting(ConfigError::toString)
        .containsExactly(fifo + ": is a FIFO (named pipe), expected a regular file");
  }

  @Test
  void aFifoAsSettingsFileIsAnError() throws Exception {
    Path fifo = fifo(dir.resolve("capacity.properties"));

    assertTimeoutPreemptively(NEVER_HANGS, () -> assertThatThrownBy(() -> Settings.load(fifo, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(fifo + ": is a FIFO (named pipe), expected a regular file"));
  }

  @Test
  void aFifoOrFolderNamedConfInTheConfigFolderIsAnError() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path fifo = fifo(confD.resolve("a.conf"));
    Path folder = Files.createDirectory(confD.resolve("b.conf"));
    Files.writeString(confD.resolve("c.conf"), "shop|homepage|60|file\n");

    ConfigSource.Snapshot read = assertTimeoutPreemptively(NEVER_HANGS, () -> ConfigFiles.read(confD));

    assertThat(read.errors()).extracting(ConfigError::toString).containsExactly(
        fifo + ": is a FIFO (named pipe), expected a regular file",
        folder + ": is a folder, expected a regular file");
    assertThat(read.lines()).extracting(TestLine::testName).containsExactly("shop");
  }

  @Test
  void aDanglingLinkIsAnErrorNotAMissingFile() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("shop.conf"), dir.resolve("gone.conf"));
    Path tests = Files.createSymbolicLink(dir.resolve("tests.json"), dir.resolve("gone.json"));

    assertThat(ConfigFiles.read(link).errors()).extracting(ConfigError::toString).containsExactly(
        link + ": is a dangling symbolic link (to " + dir.resolve("gone.conf") + "), expected a regular file");
    assertThat(DefinitionsFile.read(tests).errors()).extracting(ConfigError::toString).containsExactly(
        tests + ": is a dangling symbolic link (to " + dir.resolve("gone.json") + "), expected a regular file");
  }

  @Test
  void aLinkLoopIsAnError() throws IOException {
    Path a = dir.resolve("a.json");
    Path b = Files.createSymbolicLink(dir.resolve("b.json"), a);
    Files.createSymbolicLink(a, b);

    assertThat(DefinitionsFile.read(a).errors()).extracting(ConfigError::toString).containsExactly(
        a + ": is a symbolic link that cannot be followed (Too many levels of symbolic links"
            + " or unable to access attributes of symbolic link), expected a regular file");
  }

  @Test
  void aFolderAsSettingsFileIsAnError() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("capacity.properties"));

    assertThatThrownBy(() -> Settings.load(folder, dir)).isInstanceOf(ConfigException.class)
        .hasMessage(folder + ": is a folder, expected a regular file");
  }

  @Test
  void aFileGrowingPastItsLimitWhileReadIsRefused() throws IOException {
    Path file = Files.write(dir.resolve("big"), new byte[20_000]);

    assertThat(RegularFile.read(file, 20_000)).hasSize(20_000);
    assertThatThrownBy(() -> RegularFile.read(file, 19_999))
        .hasMessage("is 20000 bytes, expected at most 19999 bytes");
  }

  static Path fifo(Path path) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).as("mkfifo exit status").isZero();
    return path;
  }
}
