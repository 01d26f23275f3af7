package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.Execution;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.PreparedTest;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test type whose {@code start} waits until the test releases it, as one that connects inside
 * {@code start} to a target that never answers. Load it with {@link PluginJar}: the API and the
 * JDK only.
 */
final class HangingPlugin implements TestType {
  private final CountDownLatch release;
  private final AtomicInteger starts;

  HangingPlugin(CountDownLatch release, AtomicInteger starts) {
    this.release = release;
    this.starts = starts;
  }

  @Override
  public String name() {
    return "hanging";
  }

  @Override
  public PreparedTest prepare(Definition definition, TestContext context) {
    return new HangingTest(release, starts);
  }

  static final class HangingTest implements PreparedTest {
    private final CountDownLatch release;
    private final AtomicInteger starts;

    HangingTest(CountDownLatch release, AtomicInteger starts) {
      this.release = release;
      this.starts = starts;
    }

    @Override
    public Execution start(String testName, Consumer<Outcome> whenDone) {
      starts.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      whenDone.accept(Outcome.ok(200, 1));
      return () -> {};
    }

    @Override
    public void close() {}
  }
}
