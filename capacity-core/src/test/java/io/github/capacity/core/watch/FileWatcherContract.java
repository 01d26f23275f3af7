package io.github.capacity.core.watch;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.watch.RecordingListener.Event;
import io.github.capacity.core.watch.RecordingListener.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both watch modes promise: each relevant change reaches the listener within 200 ms of the
 * file operation (real files, real time), and irrelevant ones never do.
 */
abstract class FileWatcherContract {
  static final long MAX_DELAY_MILLIS = 200;

  @TempDir Path dir;
  final RecordingListener listener = new RecordingListener();
  FileWatcher watcher;

  /** A watcher in the mode under test, not started. */
  abstract FileWatcher newWatcher(Path configPath, Path stopFile, FileWatcher.Listener listener);

  /** Whether the mode under test polls. */
  abstract boolean expectPolling();

  @AfterEach
  void closeWatcher() {
    if (watcher != null) {
      watcher.close();
    }
  }

  FileWatcher start(Path configPath, Path stopFile) {
    watcher = newWatcher(configPath, stopFile, listener);
    watcher.start();
    assertThat(watcher.isPolling()).as("polling").isEqualTo(expectPolling());
    return watcher;
  }

  interface FileOperation {
    void run() throws IOException;
  }

  /** Runs {@code operation} and asserts that the next callback is {@code kind}, within 200 ms. */
  void assertFires(Kind kind, FileOperation operation) throws Exception {
    assertThat(listener.drain()).as("callbacks before the operation").isEmpty();
    long beforeNanos = System.nanoTime();
    operation.run();
    Event event = listener.next();
    assertThat(event.kind()).isEqualTo(kind);
    long delayMillis = TimeUnit.NANOSECONDS.toMillis(event.atNanos() - beforeNanos);
    assertThat(delayMillis).as("callback delay in ms").isBetween(0L, MAX_DELAY_MILLIS - 1);
  }

  @Test
  void configFileCreatedInFolderFires() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    start(confD, dir.resolve("stop"));

    assertFires(Kind.CONFIG, () -> Files.writeString(confD.resolve("shop.conf"), "a|b|60|file\n"));
  }

  @Test
  void configFileChangedFires() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path shop = Files.writeString(confD.resolve("shop.conf"), "a|b|60|file\n");
    start(confD, dir.resolve("stop"));

    assertFires(Kind.CONFIG, () -> Files.writeString(shop, "a|b|120|file\n"));
  }

  @Test
  void configFileDeletedFires() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path shop = Files.writeString(confD.resolve("shop.conf"), "a|b|60|file\n");
    start(confD, dir.resolve("stop"));

    assertFires(Kind.CONFIG, () -> Files.delete(shop));
  }

  @Test
  void configFolderCreatedLaterDeletedAndRecreatedIsFollowed() throws Exception {
    Path confD = dir.resolve("etc/capacity/conf.d");
    start(confD, dir.resolve("stop"));

    assertFires(Kind.CONFIG, () -> Files.createDirectories(confD));
    assertFires(Kind.CONFIG, () -> Files.writeString(confD.resolve("a.conf"), "a|b|60|file\n"));
    assertFires(Kind.CONFIG, () -> {
      Files.delete(confD.resolve("a.conf"));
      Files.delete(confD);
    });
    assertFires(Kind.CONFIG, () -> {
      Files.createDirectory(confD);
      Files.writeString(confD.resolve("b.conf"), "b|b|60|file\n");
    });
    assertFires(Kind.CONFIG, () -> Files.writeString(confD.resolve("b.conf"), "b|b|120|file\n"));
  }

  @Test
  void singleFileConfigPathIsFollowedFromBeforeItsFolderExists() throws Exception {
    Path config = dir.resolve("etc/capacity.conf");
    start(config, dir.resolve("stop"));

    assertFires(Kind.CONFIG, () -> {
      Files.createDirectories(config.getParent());
      Files.writeString(config, "a|b|60|file\n");
    });
    assertFires(Kind.CONFIG, () -> Files.writeString(config, "a|b|120|file\n"));
    assertFires(Kind.CONFIG, () -> Files.delete(config));
  }

  @Test
  void renameOverFiresAndTheTemporaryFileDoesNot() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path shop = Files.writeString(confD.resolve("shop.conf"), "a|b|60|file\n");
    start(confD, dir.resolve("stop"));
    Path temporary = Files.writeString(confD.resolve(".shop.conf.swp"), "a|b|120|file\n");

    assertFires(Kind.CONFIG, () -> Files.move(temporary, shop, ATOMIC_MOVE, REPLACE_EXISTING));
  }

  @Test
  void stopFileCreatedInAFolderThatAppearsLaterFires() throws Exception {
    Path stop = dir.resolve("run/capacity/stop");
    start(dir.resolve("conf.d"), stop);

    assertFires(Kind.STOP, () -> {
      Files.createDirectories(stop.getParent());
      Files.writeString(stop, "");
    });
  }

  @Test
  void stopFilePresentAtStartFiresOnce() throws Exception {
    Path stop = Files.writeString(dir.resolve("stop"), "");
    long beforeNanos = System.nanoTime();
    start(dir.resolve("conf.d"), stop);

    Event event = listener.next();
    assertThat(event.kind()).isEqualTo(Kind.STOP);
    assertThat(TimeUnit.NANOSECONDS.toMillis(event.atNanos() - beforeNanos))
        .isLessThan(MAX_DELAY_MILLIS);
    // A config change afterwards comes alone: the stop file is not reported again.
    assertFires(Kind.CONFIG, () -> Files.createDirectory(dir.resolve("conf.d")));
  }

  @Test
  void unrelatedFilesNextToTheConfigDoNotFire() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path stop = dir.resolve("stop");
    start(confD, stop);

    Files.writeString(confD.resolve("README.txt"), "notes\n");
    Files.writeString(confD.resolve("shop.conf.bak"), "a|b|60|file\n");
    Files.createDirectory(confD.resolve("archive"));
    Files.writeString(confD.resolve("archive/old.conf"), "a|b|60|file\n");
    Files.writeString(dir.resolve("other.conf"), "a|b|60|file\n");
    // The stop file comes after them on the same single watcher thread, so if any of them had
    // fired, its callback would be queued before this one.
    assertFires(Kind.STOP, () -> Files.writeString(stop, ""));
  }

  @Test
  void unrelatedFileNextToASingleConfigFileDoesNotFire() throws Exception {
    Path config = Files.writeString(dir.resolve("capacity.conf"), "a|b|60|file\n");
    Path stop = dir.resolve("stop");
    start(config, stop);

    Files.writeString(dir.resolve("capacity.conf.dpkg-new"), "a|b|60|file\n");
    Files.writeString(dir.resolve("other.conf"), "a|b|60|file\n");
    assertFires(Kind.STOP, () -> Files.writeString(stop, ""));
  }

  @Test
  void closeEndsTheWatcherThread() throws Exception {
    start(dir.resolve("conf.d"), dir.resolve("stop"));
    assertThat(watcherThreads()).isEqualTo(1);

    watcher.close();

    assertThat(watcherThreads()).isZero();
  }

  private static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("capacity-watch") && t.isAlive())
        .peek(t -> assertThat(t.isDaemon()).as("daemon").isTrue())
        .count();
  }
}
