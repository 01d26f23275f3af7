package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination named {@code stuck} whose sink's {@code account} waits until the test releases
 * it, as one that writes to a metrics server that stopped reading. It counts the results and
 * accounts it is given. Load it with {@link PluginJar}: the API and the JDK only.
 */
final class StuckDestination implements MetricsDestination {
  private final CountDownLatch release;
  private final AtomicInteger records;
  private final AtomicInteger accounts;

  StuckDestination(CountDownLatch release, AtomicInteger records, AtomicInteger accounts) {
    this.release = release;
    this.records = records;
    this.accounts = accounts;
  }

  @Override
  public String name() {
    return "stuck";
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) {
    return new StuckSink(release, records, accounts);
  }

  static final class StuckSink implements MetricsSink {
    private final CountDownLatch release;
    private final AtomicInteger records;
    private final AtomicInteger accounts;

    StuckSink(CountDownLatch release, AtomicInteger records, AtomicInteger accounts) {
      this.release = release;
      this.records = records;
      this.accounts = accounts;
    }

    @Override
    public void record(Result result) {
      records.incrementAndGet();
    }

    @Override
    public void account(MinuteAccount account) {
      accounts.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void problem(Problem problem) {}

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public void close(Duration timeout) {}
  }
}
