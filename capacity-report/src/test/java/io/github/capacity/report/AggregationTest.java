package io.github.capacity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregationTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a minute boundary
  private final Lines lines = new Lines();
  private final LineParser parser = new LineParser();

  private Aggregation aggregate(Filter filter, String... text) {
    Aggregation aggregation = new Aggregation(new Timeline(), filter);
    Line line = new Line();
    for (String t : text) {
      byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
      assertThat(parser.parse(bytes, 0, bytes.length, line)).as(t).isNull();
      aggregation.add(line);
    }
    return aggregation;
  }

  @Test
  void filesEachFigureInTheSecondOfItsMoment() {
    Aggregation a = aggregate(Filter.ALL,
        lines.ok("shop", "web1", T0 + 100, 0, 10),          // second 0: planned, started, ok
        lines.ok("shop", "web1", T0 + 900, 200, 50),        // planned in 0, starts in 1, ends in 1
        lines.failed("shop", "web1", T0 + 1500, 700, "timeout"), // planned 1, ends in 2
        lines.dropped("shop", "web1", T0 + 1600),           // planned and dropped in 1, never started
        lines.cancelled("shop", "web1", T0 + 2100, 5));     // planned 2, started 2, cancelled 2
    TestSeries shop = a.tests.get("shop");
    long s0 = T0 / 1000;
    Bucket first = shop.bucket(s0);
    Bucket second = shop.bucket(s0 + 1);
    Bucket third = shop.bucket(s0 + 2);
    assertThat(new long[] {first.planned, first.started, first.ok, first.failed, first.dropped})
        .containsExactly(2, 1, 1, 0, 0);
    assertThat(new long[] {second.planned, second.started, second.ok, second.failed, second.dropped})
        .containsExactly(2, 2, 1, 0, 1);
    assertThat(new long[] {third.planned, third.started, third.ok, third.failed, third.cancelled})
        .containsExactly(1, 1, 0, 1, 1);
    int timeout = a.errorClasses.id("timeout");
    int dropped = a.errorClasses.id("dropped");
    int cancelled = a.errorClasses.id("cancelled");
    assertThat(third.errors(timeout)).isEqualTo(1);
    assertThat(second.errors(dropped)).isEqualTo(1);
    assertThat(third.errors(cancelled)).isEqualTo(1);
    // Latencies by the planned second; dropped and cancelled executions have none.
    assertThat(first.latency.getTotalCount()).isEqualTo(2);
    assertThat(first.latency.getMaxValue()).isEqualTo(first.latency.highestEquivalentValue(250_000));
    assertThat(first.service.getMaxValue()).isEqualTo(first.service.highestEquivalentValue(50_000));
    assertThat(second.latency.getTotalCount()).isEqualTo(1);
    assertThat(third.latency).isNull();
    Bucket totals = shop.totals;
    assertThat(new long[] {totals.planned, totals.started, totals.ok, totals.failed, totals.dropped, totals.cancelled})
        .containsExactly(5, 4, 2, 1, 1, 1);
  }

  @Test
  void percentilesMatchHandComputedOnesWithinHistogramPrecision() {
    String[] text = new String[1000];
    for (int i = 0; i < 1000; i++) {
      // Latencies of 1 to 1000 ms, every one planned in the same second.
      text[i] = lines.ok("shop", "web1", T0 + i % 1000, 0, i + 1);
    }
    Aggregation a = aggregate(Filter.ALL, text);
    TestSeries shop = a.tests.get("shop");
    // The p50 of 1..1000 is 500 ms, p90 900, p99 990: within 0.1 % whole-run, 1 % per second.
    assertThat(Distribution.at(shop.latency, 50)).isCloseTo(500, within(0.5));
    assertThat(Distribution.at(shop.latency, 90)).isCloseTo(900, within(0.9));
    assertThat(Distribution.at(shop.latency, 99)).isCloseTo(990, within(0.99));
    assertThat(ReportData.millis(shop.latency.getMaxValue())).isCloseTo(1000, within(1.0));
    Bucket second = shop.bucket(T0 / 1000);
    assertThat(Distribution.at(second.latency, 50)).isCloseTo(500, within(5.0));
    assertThat(Distribution.at(second.latency, 99)).isCloseTo(990, within(9.9));
  }

  @Test
  void fleetMergesEveryTestAndHost() {
    String[] text = new String[400];
    for (int i = 0; i < 100; i++) {
      text[i] = lines.ok("shop", "web1", T0 + i * 10, 0, 10);        // 100 at 10 ms
      text[100 + i] = lines.ok("shop", "web2", T0 + i * 10, 0, 20);  // 100 at 20 ms
      text[200 + i] = lines.ok("cart", "web1", T0 + i * 10, 0, 30);  // 100 at 30 ms
      text[300 + i] = i < 10 ? lines.failed("cart", "web3", T0 + 1000 + i, 40, "reset")
          : lines.ok("cart", "web3", T0 + 1000 + i, 0, 40);        // 100 at 40 ms, 10 failed
    }
    Aggregation a = aggregate(Filter.ALL, text);
    TestSeries fleet = a.fleet();
    assertThat(fleet.totals.planned).isEqualTo(400);
    assertThat(fleet.totals.ok).isEqualTo(390);
    assertThat(fleet.totals.failed).isEqualTo(10);
    assertThat(fleet.latency.getTotalCount()).isEqualTo(400);
    // A quarter each at 10, 20, 30 and 40 ms: p25 10, p50 20, p75 30, p99 40.
    assertThat(Distribution.at(fleet.latency, 25)).isCloseTo(10, within(0.01));
    assertThat(Distribution.at(fleet.latency, 50)).isCloseTo(20, within(0.02));
    assertThat(Distribution.at(fleet.latency, 75)).isCloseTo(30, within(0.03));
    assertThat(Distribution.at(fleet.latency, 99)).isCloseTo(40, within(0.04));
    long s0 = T0 / 1000;
    assertThat(fleet.bucket(s0).started).isEqualTo(300);
    assertThat(fleet.bucket(s0 + 1).started).isEqualTo(100);
    assertThat(fleet.bucket(s0).startedBy(a.hosts.id("web1"))).isEqualTo(200);
    assertThat(fleet.bucket(s0).startedBy(a.hosts.id("web2"))).isEqualTo(100);
    assertThat(fleet.bucket(s0 + 1).startedBy(a.hosts.id("web3"))).isEqualTo(100);
    assertThat(fleet.bucket(s0).latency.getTotalCount()).isEqualTo(300);
    assertThat(Distribution.at(fleet.bucket(s0).latency, 50)).isCloseTo(20, within(0.2));
    assertThat(a.hostCounts.get(a.hosts.id("web3"))).containsExactly(100, 90, 10, 0);
  }

  @Test
  void skippedExecutionsSpreadOverTheirMinute() {
    Aggregation a = aggregate(Filter.ALL, lines.minute("shop", "web1", T0, 30));
    TestSeries shop = a.tests.get("shop");
    assertThat(shop.buckets).hasSize(60);
    assertThat(shop.bucket(T0 / 1000 + 59).skipped).isEqualTo(0.5);
    assertThat(shop.totals.skipped).isEqualTo(30);
  }

  @Test
  void filtersKeepTheTimeRangeTestsAndHostsAsked() {
    Filter filter = new Filter(T0 + 1000, T0 + 2000, Set.of("shop"), Set.of("web1"));
    Aggregation a = aggregate(filter,
        lines.ok("shop", "web1", T0 + 500, 0, 1),
        lines.ok("shop", "web1", T0 + 1500, 0, 1),
        lines.ok("shop", "web2", T0 + 1500, 0, 1),
        lines.ok("cart", "web1", T0 + 1500, 0, 1),
        lines.ok("shop", "web1", T0 + 2000, 0, 1));
    assertThat(a.kept).isEqualTo(1);
    assertThat(a.filteredOut).isEqualTo(4);
    assertThat(a.tests.keySet()).containsExactly("shop");
  }

  @Test
  void aLongRangeWidensTheBucketsAndKeepsEveryCount() {
    Aggregation a = new Aggregation(new Timeline(10, 1), Filter.ALL);
    Line line = new Line();
    for (int second = 0; second < 100; second++) {
      byte[] bytes = lines.ok("shop", "web1", T0 + second * 1000L, 0, 1).getBytes(StandardCharsets.UTF_8);
      parser.parse(bytes, 0, bytes.length, line);
      a.add(line);
    }
    assertThat(a.timeline.widthSeconds()).isEqualTo(10);
    TestSeries shop = a.tests.get("shop");
    assertThat(shop.buckets).hasSize(10);
    assertThat(shop.buckets.values()).allSatisfy(bucket -> {
      assertThat(bucket.planned).isEqualTo(10);
      assertThat(bucket.latency.getTotalCount()).isEqualTo(10);
    });
  }

  @Test
  void moreTestsShareTheBucketsSoMemoryStaysBounded() {
    Aggregation a = new Aggregation(new Timeline(), Filter.ALL);
    Line line = new Line();
    for (int second = 0; second < 1000; second++) {
      for (int test = 0; test < 10; test++) {
        byte[] bytes = lines.ok("test" + test, "web1", T0 + second * 1000L, 0, 1).getBytes(StandardCharsets.UTF_8);
        parser.parse(bytes, 0, bytes.length, line);
        a.add(line);
      }
    }
    // 10 tests share 4000 buckets: 400 each, so 1000 seconds go in buckets of 10 s.
    assertThat(a.timeline.maxBuckets()).isEqualTo(400);
    assertThat(a.timeline.widthSeconds()).isEqualTo(10);
    assertThat(a.tests.get("test0").buckets).hasSize(100);
    assertThat(a.tests.get("test9").totals.planned).isEqualTo(1000);
    assertThat(a.tests.get("test9").buckets.values()).allSatisfy(bucket -> assertThat(bucket.planned).isEqualTo(10));
  }
}
