package io.github.capacity.core.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.github.capacity.api.TimeSource;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watching through the platform's {@link WatchService} (inotify on Linux). Every batch of events
 * leads to a fresh look at the registrations and a {@link WatchState} comparison, so folders that
 * appear, vanish or are replaced are followed without trusting the order of events.
 *
 * <p>Design: events are coalesced until {@value #QUIET_MILLIS} ms pass without one, but never for
 * more than {@value #MAX_COALESCE_MILLIS} ms after the first, which keeps the change-to-callback
 * time well under 200 ms even during a long burst. A look every {@value #RESCAN_MILLIS} ms without
 * any event is a safety net for changes inotify does not report (a network file system written
 * by another host).
 *
 * <p>Not thread safe except {@link #close()}; one watcher thread drives it.
 */
final class NativeWatchLoop implements AutoCloseable {
  static final long QUIET_MILLIS = 20;
  static final long MAX_COALESCE_MILLIS = 100;
  static final long RESCAN_MILLIS = 1000;

  private record Registration(WatchKey key, Object directoryKey) {}

  private final WatchTargets targets;
  private final TimeSource time;
  private final WatchService service;
  private final Map<Path, Registration> registrations = new HashMap<>();
  private final Map<WatchKey, Path> directoriesByKey = new HashMap<>();

  private NativeWatchLoop(WatchTargets targets, TimeSource time, WatchService service) {
    this.targets = targets;
    this.time = time;
    this.service = service;
  }

  /**
   * Opens a watch service on the config path's file system.
   *
   * @throws IOException when there is none, or only the JDK's polling imitation (whose default
   *     sensitivity is seconds: our own polling is faster)
   * @throws UnsupportedOperationException when the file system cannot watch at all (zip)
   */
  static NativeWatchLoop open(WatchTargets targets, TimeSource time) throws IOException {
    WatchService service = targets.configPath().getFileSystem().newWatchService();
    if (service.getClass().getName().contains("PollingWatchService")) {
      service.close();
      throw new IOException("the platform WatchService only polls: " + service.getClass().getName());
    }
    return new NativeWatchLoop(targets, time, service);
  }

  /**
   * Brings the registrations in line with {@link WatchTargets#directoriesToWatch()}, repeating
   * while that set moves (a folder created while registering another).
   *
   * @throws IOException when a folder cannot be watched (for example the inotify watch limit)
   */
  void reconcile() throws IOException {
    for (int round = 0; round < 8; round++) {
      Set<Path> wanted = targets.directoriesToWatch();
      registrations.entrySet().removeIf(entry -> {
        boolean keep = wanted.contains(entry.getKey()) && entry.getValue().key().isValid()
            && Objects.equals(entry.getValue().directoryKey(), directoryKey(entry.getKey()));
        if (!keep) {
          entry.getValue().key().cancel();
          directoriesByKey.remove(entry.getValue().key());
        }
        return !keep;
      });
      for (Path directory : wanted) {
        if (!registrations.containsKey(directory)) {
          register(directory);
        }
      }
      if (wanted.equals(targets.directoriesToWatch())) {
        return;
      }
    }
  }

  private void register(Path directory) throws IOException {
    try {
      Object directoryKey = directoryKey(directory);
      WatchKey key = directory.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      registrations.put(directory, new Registration(key, directoryKey));
      directoriesByKey.put(key, directory);
    } catch (NoSuchFileException e) {
      // Gone again before we got to it; the next round of reconcile() looks further up.
    }
  }

  private static Object directoryKey(Path directory) {
    try {
      return Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Watches until {@link #close()}. Returns normally when closed or interrupted.
   *
   * @throws IOException when watching can no longer work natively; the caller falls back to
   *     polling
   */
  void run(ChangeNotifier notifier) throws IOException {
    try {
      while (true) {
        WatchKey first = service.poll(RESCAN_MILLIS, TimeUnit.MILLISECONDS);
        boolean configEvent = first != null && drain(first);
        if (first != null) {
          configEvent |= coalesce();
        }
        reconcile();
        notifier.update(targets.snapshot(), configEvent);
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes the events that follow the first one closely; true when one was relevant. */
  private boolean coalesce() throws InterruptedException {
    boolean configEvent = false;
    long deadlineNanos = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_COALESCE_MILLIS);
    long leftNanos;
    while ((leftNanos = deadlineNanos - time.nanoTime()) > 0) {
      long waitNanos = Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
      WatchKey next = service.poll(waitNanos, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      configEvent |= drain(next);
    }
    return configEvent;
  }

  /** Reads a key's events and re-arms it; true when one could change the configuration. */
  private boolean drain(WatchKey key) {
    Path directory = directoriesByKey.get(key);
    boolean configEvent = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        configEvent = true; // events were lost: assume the worst, a re-read is cheap
      } else if (directory != null && event.context() instanceof Path name) {
        configEvent |= targets.isRelevantToConfig(directory.resolve(name));
      }
    }
    key.reset();
    return configEvent;
  }

  /** Stops {@link #run} from any thread. */
  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // Nothing left to do with a watch service that fails to close.
    }
  }
}
