package io.github.capacity.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.watch.RecordingListener.Event;
import io.github.capacity.core.watch.RecordingListener.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watcher on the platform's watch service (inotify on Linux). */
final class NativeFileWatcherTest extends FileWatcherContract {

  @Override
  FileWatcher newWatcher(Path configPath, Path stopFile, FileWatcher.Listener listener) {
    return new FileWatcher(configPath, stopFile, listener);
  }

  @Override
  boolean expectPolling() {
    return false;
  }

  @Test
  void aLongBurstOfWritesIsCoalescedButStillReportedWithin200ms() throws Exception {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    Path shop = confD.resolve("shop.conf");
    start(confD, dir.resolve("stop"));

    long startNanos = System.nanoTime();
    long endNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(600);
    int writes = 0;
    List<Event> events = new ArrayList<>();
    // Writes without a pause for 600 ms: a debounce that waited for quiet would never call back.
    while (System.nanoTime() < endNanos) {
      Files.writeString(shop, "a|b|" + (writes++ % 50 + 1) + "|file\n");
      events.addAll(listener.drain());
    }

    assertThat(events).isNotEmpty().allMatch(e -> e.kind() == Kind.CONFIG);
    assertThat(TimeUnit.NANOSECONDS.toMillis(events.get(0).atNanos() - startNanos))
        .as("first callback delay in ms").isLessThan(MAX_DELAY_MILLIS);
    assertThat(events).as("callbacks during the burst").hasSizeGreaterThanOrEqualTo(2);
    assertThat(events.size()).as("callbacks, coalesced").isLessThan(writes / 10);
  }
}
