package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When files land: an observer beside the runs on each simulated host, recording the wall-clock
 * time at which each file in the watched folders was created or replaced (Ansible moves a
 * checked file into place with a rename, which the kernel reports as a creation). Measuring from
 * the file's own times would not do: Ansible writes the file, checks it for a second or more,
 * then renames it, and the rename keeps the earlier modification time.
 */
final class LandingWatch implements AutoCloseable {
  private final WatchService watcher;
  private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
  private final Map<Path, List<Long>> landings = new ConcurrentHashMap<>();
  private final Thread thread;

  LandingWatch(List<Path> watched) throws IOException {
    watcher = FileSystems.getDefault().newWatchService();
    for (Path folder : watched) {
      folders.put(folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY), folder);
    }
    thread = new Thread(this::loop, "landing watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        long now = System.currentTimeMillis();
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context() instanceof Path name && folder != null) {
            landings.computeIfAbsent(folder.resolve(name), p -> new CopyOnWriteArrayList<>()).add(now);
          }
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: the test is over
    }
  }

  /** The first time {@code file} landed at or after {@code sinceMillis}; fails if it did not. */
  long landed(Path file, long sinceMillis) {
    List<Long> times = landings.getOrDefault(file, List.of());
    return new ArrayList<>(times).stream().filter(t -> t >= sinceMillis).findFirst()
        .orElseThrow(() -> new AssertionError(file + " did not land after " + sinceMillis + "; landings: " + times));
  }

  /** Whether {@code file} landed at or after {@code sinceMillis}. */
  boolean hasLanded(Path file, long sinceMillis) {
    return landings.getOrDefault(file, List.of()).stream().anyMatch(t -> t >= sinceMillis);
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
