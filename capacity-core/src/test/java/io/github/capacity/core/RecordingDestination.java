package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.MetricsSink;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Problem;
import io.github.capacity.api.Result;
import io.github.capacity.api.Trip;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Collections;

/** A destination that keeps everything it is given, whatever name it is opened under. */
final class RecordingDestination implements MetricsDestination {
  private final String name;
  final List<Result> results = Collections.synchronizedList(new ArrayList<>());
  final List<MinuteAccount> accounts = Collections.synchronizedList(new ArrayList<>());
  final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
  final List<Trip> trips = Collections.synchronizedList(new ArrayList<>());
  final List<String> opened = Collections.synchronizedList(new ArrayList<>());
  volatile int flushes;
  /** Makes flush wait until interrupted, as a metrics server that never answers would. */
  volatile boolean stallFlush;
  volatile int closes;
  volatile MetricsSink.Health health = MetricsSink.Health.HEALTHY;

  RecordingDestination(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public MetricsSink open(Definition definition, DestinationContext context) {
    opened.add(definition.path());
    return new MetricsSink() {
      @Override
      public void record(Result result) {
        results.add(result);
      }

      @Override
      public void account(MinuteAccount account) {
        accounts.add(account);
      }

      @Override
      public void problem(Problem problem) {
        problems.add(problem);
      }

      @Override
      public void trip(Trip trip) {
        trips.add(trip);
      }

      @Override
      public boolean flush(Duration timeout) {
        flushes++;
        if (stallFlush) {
          try {
            new java.util.concurrent.CountDownLatch(1).await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return true;
      }

      @Override
      public void close(Duration timeout) {
        closes++;
      }

      @Override
      public Health health() {
        return health;
      }
    };
  }

  List<Result> results(String testName) {
    return List.copyOf(results).stream().filter(r -> r.testName().equals(testName)).toList();
  }

  MinuteAccount account(String testName) {
    return List.copyOf(accounts).stream().filter(a -> a.testName().equals(testName)).findFirst().orElseThrow();
  }
}
