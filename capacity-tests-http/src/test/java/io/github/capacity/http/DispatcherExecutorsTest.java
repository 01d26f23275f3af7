package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherExecutorsTest {

  @Test
  void runsCallsOnVirtualThreadsFromJava21AndOnNamedDaemonThreadsBefore() throws Exception {
    ExecutorService executor = DispatcherExecutors.create("homepage", 4);
    try {
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      executor.execute(() -> thread.complete(Thread.currentThread()));
      Thread ran = thread.get(5, TimeUnit.SECONDS);
      assertThat(ran.getName()).startsWith("capacity-http-homepage-");
      assertThat(ran.isDaemon()).isTrue();
      boolean virtual = (Boolean) Thread.class.getMethod("isVirtual").invoke(ran, new Object[0]);
      assertThat(virtual).isEqualTo(Runtime.version().feature() >= 21);
    } catch (NoSuchMethodException java17) {
      assertThat(Runtime.version().feature()).isLessThan(21);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void thePlatformPoolIsBoundedAndNeverRejects() throws Exception {
    ExecutorService executor = DispatcherExecutors.platformThreads("capacity-http-t-", 2);
    try {
      CompletableFuture<Void> release = new CompletableFuture<>();
      CompletableFuture<?>[] done = new CompletableFuture<?>[5];
      for (int i = 0; i < done.length; i++) {
        done[i] = CompletableFuture.runAsync(release::join, executor);
      }
      assertThat(((java.util.concurrent.ThreadPoolExecutor) executor).getPoolSize()).isEqualTo(2);
      release.complete(null);
      CompletableFuture.allOf(done).get(5, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }
}
