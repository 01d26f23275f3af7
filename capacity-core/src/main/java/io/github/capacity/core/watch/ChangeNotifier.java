package io.github.capacity.core.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns successive {@link WatchState}s into listener calls: {@code configChanged} when the config
 * fingerprint differs or an event named a relevant file, {@code stopFileAppeared} on each change
 * of the stop file from absent to present.
 *
 * <p>Used by the watcher thread only.
 */
final class ChangeNotifier {
  private static final Logger log = LoggerFactory.getLogger(ChangeNotifier.class);

  private final FileWatcher.Listener listener;
  private WatchState last;

  ChangeNotifier(FileWatcher.Listener listener, WatchState baseline) {
    this.listener = listener;
    this.last = baseline;
  }

  /**
   * Compares {@code now} with the previous state and calls the listener.
   *
   * @param configEvent an event named a relevant config file; fires even when the stamps match
   *     (a rewrite within the file system's time granularity keeps size and time)
   */
  void update(WatchState now, boolean configEvent) {
    WatchState previous = last;
    last = now;
    if (configEvent || !now.config().equals(previous.config())) {
      try {
        listener.configChanged();
      } catch (RuntimeException e) {
        log.warn("configChanged listener failed; watching goes on", e);
      }
    }
    if (now.stopFilePresent() && !previous.stopFilePresent()) {
      try {
        listener.stopFileAppeared();
      } catch (RuntimeException e) {
        log.warn("stopFileAppeared listener failed; watching goes on", e);
      }
    }
  }
}
