package io.github.capacity.runner.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
  @TempDir Path dir;

  @Test
  void rotatesToOneOlderFileWhenTheCapIsReached() throws IOException {
    Path path = dir.resolve("capacity.log");
    RotatingLogFile file = RotatingLogFile.open(path, 100);

    for (int i = 0; i < 25; i++) {
      file.append(String.format("line %02d ........\n", i)); // 18 bytes
    }
    file.close();

    // 6 lines (108 bytes) fill a file past its cap; the 7th starts a new one.
    assertThat(Files.readAllLines(path)).first().isEqualTo("line 24 ........");
    assertThat(Files.readAllLines(dir.resolve("capacity.log.1"))).hasSize(6)
        .first().isEqualTo("line 18 ........");
    assertThat(Files.list(dir)).hasSize(2);
  }

  @Test
  void reopensTheFileWhenAnotherProcessRotatedIt() throws IOException {
    Path path = dir.resolve("capacity.log");
    RotatingLogFile file = RotatingLogFile.open(path, 1_000_000);
    file.append("first\n");

    Files.move(path, dir.resolve("capacity.log.1"));
    file.append("second\n");
    file.close();

    assertThat(Files.readAllLines(path)).containsExactly("second");
    assertThat(Files.readAllLines(dir.resolve("capacity.log.1"))).containsExactly("first");
  }

  @Test
  void aLinkPlantedAsTheLogIsNeverFollowed() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path path = Files.createSymbolicLink(dir.resolve("capacity.log"), victim);

    assertThatThrownBy(() -> RotatingLogFile.open(path, 1_000_000))
        .hasMessage(path + ": is a symbolic link, expected a regular file (remove it; capacity never"
            + " follows links in log.dir)");
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }

  @Test
  void aLinkPlantedAfterOpeningLosesTheLineInsteadOfAppendingToItsTarget() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path path = dir.resolve("capacity.log");
    RotatingLogFile file = RotatingLogFile.open(path, 1_000_000);
    Files.delete(path);
    Files.createSymbolicLink(path, victim);

    file.append("line\n");
    file.close();

    assertThat(Files.readString(victim)).isEqualTo("precious\n");
  }
}
