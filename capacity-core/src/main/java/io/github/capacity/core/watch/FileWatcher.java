package io.github.capacity.core.watch;

import io.github.capacity.api.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config path (a file, or a folder of {@code *.conf} files) and the stop file for a
 * whole run, also when they or their folders do not exist yet, and tells a {@link Listener} within
 * 200 ms of a relevant change.
 *
 * <p>Relevant: for a folder config path, the folder and the {@code *.conf} files directly in it;
 * for a file config path, that file; the stop file's appearance. Other files in the same folders
 * are ignored.
 *
 * <p>It uses the platform's {@code WatchService} (inotify on Linux) on the nearest existing
 * folders and follows them as they appear and vanish. Where that service is missing, only polls
 * ({@code sun.nio.fs.PollingWatchService}) or fails (inotify limits), it polls by itself every
 * {@value #DEFAULT_POLL_MILLIS} ms comparing existence, size, modification time and file key.
 *
 * <p>Thread safe. Callbacks run on the one daemon thread {@code capacity-watch}, one at a time,
 * and must return quickly. A watcher is started once and closed once; paths must not be null.
 */
public final class FileWatcher implements AutoCloseable {
  /** How often the polling fallback looks, in milliseconds. */
  public static final long DEFAULT_POLL_MILLIS = 100;

  private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

  /**
   * Told about changes. Both methods are called on the watcher thread; they should only record the
   * news (set a flag, wake a thread), never read files or block.
   */
  public interface Listener {
    /** A relevant config file was created, changed, renamed over or removed. */
    void configChanged();

    /**
     * The stop file appeared. Called once per appearance, including when it exists at {@link
     * #start()}.
     */
    void stopFileAppeared();
  }

  private final WatchTargets targets;
  private final Listener listener;
  private final TimeSource time;
  private final boolean forcePolling;
  private final long pollNanos;
  private Thread thread;
  private NativeWatchLoop nativeLoop;
  private volatile boolean polling;
  private volatile boolean closed;

  /** A watcher that uses the platform's watch service, and falls back to polling by itself. */
  public FileWatcher(Path configPath, Path stopFile, Listener listener) {
    this(configPath, stopFile, listener, TimeSource.system(), false,
        Duration.ofMillis(DEFAULT_POLL_MILLIS));
  }

  FileWatcher(Path configPath, Path stopFile, Listener listener, TimeSource time,
      boolean forcePolling, Duration pollInterval) {
    this.targets = new WatchTargets(Objects.requireNonNull(configPath, "configPath"),
        Objects.requireNonNull(stopFile, "stopFile"));
    this.listener = Objects.requireNonNull(listener, "listener");
    this.time = Objects.requireNonNull(time, "time");
    this.forcePolling = forcePolling;
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be > 0: " + pollInterval);
    }
    this.pollNanos = pollInterval.toNanos();
  }

  /**
   * A watcher that only polls, every {@code interval}: for file systems where the watch service
   * does not see every change (network mounts), and for tests.
   */
  public static FileWatcher polling(Path configPath, Path stopFile, Listener listener,
      Duration interval) {
    return new FileWatcher(configPath, stopFile, listener, TimeSource.system(), true, interval);
  }

  /**
   * Starts watching. Changes made after this returns are reported; the current state is the
   * baseline (only the stop file is reported if it exists already).
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   */
  public synchronized void start() {
    if (thread != null || closed) {
      throw new IllegalStateException("a FileWatcher starts once, before close()");
    }
    if (!forcePolling) {
      nativeLoop = openNativeLoop();
    }
    polling = nativeLoop == null;
    // Taken after registering, so a change between the two is either an event or a difference.
    WatchState baseline = targets.snapshot();
    thread = new Thread(() -> watch(baseline), "capacity-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private NativeWatchLoop openNativeLoop() {
    NativeWatchLoop loop = null;
    try {
      loop = NativeWatchLoop.open(targets, time);
      loop.reconcile();
      return loop;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // IllegalArgumentException: the stop file is on another file system than the config.
      if (loop != null) {
        loop.close();
      }
      log.info("Polling {} and {} every {} ms: no usable watch service ({})",
          targets.configPath(), targets.stopFile(), TimeUnit.NANOSECONDS.toMillis(pollNanos),
          e.toString());
      return null;
    }
  }

  private void watch(WatchState baseline) {
    ChangeNotifier notifier = new ChangeNotifier(listener, baseline.withoutStopFile());
    notifier.update(targets.snapshot(), false);
    NativeWatchLoop loop = nativeLoop;
    if (loop != null) {
      try {
        loop.run(notifier);
        return;
      } catch (IOException e) {
        loop.close();
        log.warn("Watching {} and {} natively failed, polling every {} ms from now on",
            targets.configPath(), targets.stopFile(), TimeUnit.NANOSECONDS.toMillis(pollNanos), e);
        polling = true;
      }
    }
    poll(notifier);
  }

  private void poll(ChangeNotifier notifier) {
    try {
      while (!closed) {
        time.sleepNanos(pollNanos);
        notifier.update(targets.snapshot(), false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether this watcher polls rather than using the watch service (after {@link #start()}). */
  boolean isPolling() {
    return polling;
  }

  /** Stops watching and waits briefly for the watcher thread to end. Idempotent. */
  @Override
  public void close() {
    Thread watcherThread;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      watcherThread = thread;
      if (nativeLoop != null) {
        nativeLoop.close();
      }
    }
    if (watcherThread != null && watcherThread != Thread.currentThread()) {
      watcherThread.interrupt();
      try {
        watcherThread.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
