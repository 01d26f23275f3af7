package io.github.capacity.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records each callback with its arrival time ({@link System#nanoTime()}) for tests. */
final class RecordingListener implements FileWatcher.Listener {
  enum Kind { CONFIG, STOP }

  record Event(Kind kind, long atNanos) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  @Override
  public void configChanged() {
    events.add(new Event(Kind.CONFIG, System.nanoTime()));
  }

  @Override
  public void stopFileAppeared() {
    events.add(new Event(Kind.STOP, System.nanoTime()));
  }

  /** The next callback, waiting at most two seconds; fails when none comes. */
  Event next() throws InterruptedException {
    Event event = events.poll(2, TimeUnit.SECONDS);
    assertThat(event).as("a callback within 2 s").isNotNull();
    return event;
  }

  /** The callbacks received so far, without waiting. */
  List<Event> drain() {
    List<Event> drained = new ArrayList<>();
    events.drainTo(drained);
    return drained;
  }
}
