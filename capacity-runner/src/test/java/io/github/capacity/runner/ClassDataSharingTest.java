package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(ClassDataSharing.ARCHIVE_PROPERTY);
  }

  @Test
  void vmInfoTellsWhetherAnArchiveIsMapped() {
    assertThat(ClassDataSharing.sharing("mixed mode, sharing")).isTrue();
    assertThat(ClassDataSharing.sharing("mixed mode")).isFalse();
    assertThat(ClassDataSharing.sharing("interpreted mode")).isFalse();
  }

  @Test
  void anArchiveThisJvmDoesNotShareIsMarkedStale() {
    // This test JVM runs without the archive it is told about, as a Java updated in place would.
    Path archive = dir.resolve("capacity-1.0.jsa");
    System.setProperty(ClassDataSharing.ARCHIVE_PROPERTY, archive.toString());
    boolean sharing = ClassDataSharing.sharing(System.getProperty("java.vm.info"));

    ClassDataSharing.checkArchive();
    ClassDataSharing.checkArchive(); // a second look (another instance) leaves it as it is

    assertThat(Files.exists(dir.resolve("capacity-1.0.jsa.stale"))).isEqualTo(!sharing);
  }

  @Test
  void withoutAnArchiveThereIsNothingToMark() {
    ClassDataSharing.checkArchive();

    assertThat(dir).isEmptyDirectory();
  }
}
