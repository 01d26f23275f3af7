package io.github.capacity.http;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor behind a test's OkHttp dispatcher. OkHttp holds a thread per call in flight; on
 * Java 21 or later those are virtual threads, so a target that hangs costs no platform threads.
 * The build targets Java 17, so virtual threads are found by reflection at run time. Otherwise a
 * bounded pool of daemon threads named {@code capacity-http-<test>-N}.
 */
final class DispatcherExecutors {
  private static final Logger LOG = LoggerFactory.getLogger(DispatcherExecutors.class);

  private DispatcherExecutors() {}

  static ExecutorService create(String testName, int maxThreads) {
    String prefix = "capacity-http-" + testName + "-";
    ExecutorService virtual = virtualThreads(prefix);
    return virtual != null ? virtual : platformThreads(prefix, maxThreads);
  }

  /** Java 21's {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())}. */
  static ExecutorService virtualThreads(String prefix) {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
      ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
      return (ExecutorService) perTask.invoke(null, factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("virtual threads unavailable on Java {}, using platform threads: {}",
          Runtime.version(), e.toString());
      return null;
    }
  }

  /**
   * At most {@code maxThreads} threads, idle ones ending after a minute. The queue is unbounded
   * because the dispatcher submits no more than its limit; a finishing thread may still be alive
   * when the next call is submitted, and a rejection would fail that call.
   */
  static ExecutorService platformThreads(String prefix, int maxThreads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, prefix + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
