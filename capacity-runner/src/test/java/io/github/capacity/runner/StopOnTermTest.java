package io.github.capacity.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopOnTermTest {
  /** Hooks kept in a list, as the JVM keeps them; {@code exiting} is a SIGTERM already received. */
  private static final class FakeHooks implements StopOnTerm.Hooks {
    final List<Thread> added = new ArrayList<>();
    boolean exiting;

    @Override
    public void add(Thread hook) {
      if (exiting) {
        throw new IllegalStateException("Shutdown in progress");
      }
      added.add(hook);
    }

    @Override
    public void remove(Thread hook) {
      if (exiting) {
        throw new IllegalStateException("Shutdown in progress");
      }
      added.remove(hook);
    }
  }

  private final FakeHooks hooks = new FakeHooks();
  private final AtomicInteger stops = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Runnable stop = () -> {
    stops.incrementAndGet();
    stopped.countDown();
  };

  @Test
  void aRunWithoutSigtermLeavesNoHookBehindAndIsNotStopped() {
    try (StopOnTerm onTerm = StopOnTerm.open(hooks, stop, 5)) {
      assertThat(hooks.added).hasSize(1);
      assertThat(onTerm.terminated()).isFalse();
    }
    assertThat(hooks.added).isEmpty();
    assertThat(stops).hasValue(0);
  }

  @Test
  void aSigtermDuringTheRunStopsItAndWaitsForTheRunToClose() throws InterruptedException {
    StopOnTerm onTerm = StopOnTerm.open(hooks, stop, 5);
    Thread hook = hooks.added.get(0);
    hooks.exiting = true;
    hook.start(); // what the JVM does on SIGTERM
    assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(onTerm.terminated()).isTrue();
    assertThat(hook.isAlive()).as("holds the exit until the run has flushed").isTrue();

    onTerm.close(); // the run returned: no IllegalStateException although the JVM is exiting
    hook.join(5_000);
    assertThat(hook.isAlive()).isFalse();
    assertThat(stops).hasValue(1);
  }

  @Test
  void aSigtermBeforeTheRunStopsItAtOnceInsteadOfFailing() {
    hooks.exiting = true; // the JVM is exiting: adding a hook throws

    try (StopOnTerm onTerm = StopOnTerm.open(hooks, stop, 5)) {
      assertThat(stops).hasValue(1);
      assertThat(onTerm.terminated()).isTrue();
    }
    assertThat(hooks.added).isEmpty();
  }
}
