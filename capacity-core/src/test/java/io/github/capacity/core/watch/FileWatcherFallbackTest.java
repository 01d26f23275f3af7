package io.github.capacity.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.core.watch.RecordingListener.Event;
import io.github.capacity.core.watch.RecordingListener.Kind;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the mode, and the rules of the watcher's life. */
final class FileWatcherFallbackTest {
  @TempDir Path dir;
  final RecordingListener listener = new RecordingListener();

  @Test
  void aFileSystemWithoutAWatchServiceIsPolled() throws Exception {
    URI zip = URI.create("jar:" + dir.resolve("conf.zip").toUri());
    try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("create", "true"));
        FileWatcher watcher = new FileWatcher(
            zipFs.getPath("/conf.d"), zipFs.getPath("/stop"), listener)) {
      Path confD = Files.createDirectory(zipFs.getPath("/conf.d"));
      watcher.start();

      assertThat(watcher.isPolling()).isTrue();
      long beforeNanos = System.nanoTime();
      Files.writeString(confD.resolve("shop.conf"), "a|b|60|file\n");
      Event event = listener.next();
      assertThat(event.kind()).isEqualTo(Kind.CONFIG);
      assertThat(TimeUnit.NANOSECONDS.toMillis(event.atNanos() - beforeNanos)).isLessThan(200);
    }
  }

  @Test
  void startsOnlyOnce() {
    try (FileWatcher watcher = new FileWatcher(dir.resolve("conf.d"), dir.resolve("stop"),
        listener)) {
      watcher.start();

      assertThatThrownBy(watcher::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a FileWatcher starts once, before close()");
    }
  }

  @Test
  void aPollIntervalMustBePositive() {
    assertThatThrownBy(() -> FileWatcher.polling(dir, dir.resolve("stop"), listener,
        Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollInterval must be > 0: PT0S");
  }
}
