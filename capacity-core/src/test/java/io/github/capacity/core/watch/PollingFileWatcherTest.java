package io.github.capacity.core.watch;

import java.nio.file.Path;
import java.time.Duration;

/** The watcher's polling fallback, at its default interval. */
final class PollingFileWatcherTest extends FileWatcherContract {

  @Override
  FileWatcher newWatcher(Path configPath, Path stopFile, FileWatcher.Listener listener) {
    return FileWatcher.polling(configPath, stopFile, listener,
        Duration.ofMillis(FileWatcher.DEFAULT_POLL_MILLIS));
  }

  @Override
  boolean expectPolling() {
    return true;
  }
}
