package io.github.capacity.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything a report shows, built from parsed lines one at a time in memory bounded by the
 * number of tests, hosts and {@link Timeline} buckets, never by the number of lines. Lines may
 * come in any order (hosts' files one after another). Not thread safe.
 */
final class Aggregation {
  static final int MAX_HOSTS = 1000;
  static final int MAX_ERROR_CLASSES = 50;
  static final int MAX_TESTS = 200;
  static final int MAX_MARKERS = 500;
  /**
   * Buckets of all tests together, each holding two histograms of a few KB: with 10 tests, 400
   * buckets each, so the heap stays within about 100 MB however many tests a file holds.
   */
  static final int TEST_BUCKETS = 4000;
  /** The fewest buckets a test keeps, even with {@link #MAX_TESTS} tests. */
  static final int MIN_BUCKETS = 30;

  /** A guardrail trip or a change of load shape, drawn on the time axis. */
  record Marker(long epochMillis, String type, String test, String host, String label) {}

  final Timeline timeline;
  final Filter filter;
  final Map<String, TestSeries> tests = new TreeMap<>();
  final Names hosts = new Names(MAX_HOSTS, "other hosts");
  final Names errorClasses = new Names(MAX_ERROR_CLASSES, "other");
  /** Per host id: started, ok, failed, dropped executions. */
  final List<long[]> hostCounts = new ArrayList<>();
  final List<Histogram> hostLatency = new ArrayList<>();
  final List<Marker> markers = new ArrayList<>();
  /** Markers left out beyond {@link #MAX_MARKERS}. */
  long markersLeftOut;
  private final Map<String, String> shapes = new LinkedHashMap<>();
  /** Problem lines by "host|test|label", counted. */
  final Map<String, Long> problems = new TreeMap<>();
  long kept;
  long filteredOut;

  Aggregation(Timeline timeline, Filter filter) {
    this.timeline = timeline;
    this.filter = filter;
  }

  /** Takes one checked line; returns whether the filter kept it. */
  boolean add(Line line) {
    if (line.kind == Line.Kind.OTHER) {
      return false;
    }
    if (!filter.keeps(line)) {
      filteredOut++;
      return false;
    }
    kept++;
    switch (line.kind) {
      case EXECUTION -> execution(line);
      case MINUTE -> minute(line);
      case TRIP -> marker(line, "trip", tripLabel(line));
      case SHAPE -> shape(line);
      case PROBLEM -> problem(line);
      default -> throw new AssertionError(line.kind);
    }
    return true;
  }

  private void execution(Line line) {
    long plannedMillis = Math.floorDiv(line.plannedNanos, 1_000_000L);
    long startMillis = Math.floorDiv(line.startNanos, 1_000_000L);
    long endMillis = Math.floorDiv(line.endNanos, 1_000_000L);
    admit(plannedMillis);
    admit(endMillis);
    admit(startMillis);
    TestSeries test = test(line.testName);
    if (test == null) {
      return;
    }
    int host = host(line.host);
    boolean dropped = !line.ok && "dropped".equals(line.errorClass);
    boolean cancelled = !line.ok && "cancelled".equals(line.errorClass);
    Bucket planned = test.bucket(timeline.index(plannedMillis));
    planned.planned++;
    test.totals.planned++;
    long[] counts = hostCounts.get(host);
    if (dropped) {
      planned.dropped++;
      test.totals.dropped++;
      counts[3]++;
    } else {
      long latencyMicros = micros(line.endNanos - line.plannedNanos);
      long serviceMicros = micros(line.endNanos - line.startNanos);
      if (!cancelled) {
        planned.recordLatency(latencyMicros, serviceMicros);
        test.latency.recordValue(latencyMicros);
        test.service.recordValue(serviceMicros);
        hostLatency.get(host).recordValue(latencyMicros);
      }
      test.bucket(timeline.index(startMillis)).started(host);
      test.totals.started(host);
      counts[0]++;
    }
    Bucket end = test.bucket(timeline.index(endMillis));
    if (line.ok) {
      end.ok++;
      test.totals.ok++;
      counts[1]++;
      return;
    }
    if (cancelled) {
      end.cancelled++;
      test.totals.cancelled++;
    } else if (!dropped) {
      end.failed++;
      test.totals.failed++;
      counts[2]++;
    }
    int errorClass = errorClasses.id(line.errorClass);
    end.error(errorClass);
    test.totals.error(errorClass);
  }

  private static long micros(long nanos) {
    return Math.max(0, (nanos + 500) / 1000);
  }

  /** A minute's account: its skipped executions (never results) spread over the minute. */
  private void minute(Line line) {
    host(line.host);
    if (line.shape != null) {
      shape(line);
    }
    if (line.skipped <= 0) {
      return;
    }
    long minuteMillis = Math.floorDiv(line.epochMillis, 60_000L) * 60_000L;
    admit(minuteMillis);
    admit(minuteMillis + 59_000L);
    TestSeries test = test(line.testName);
    if (test == null) {
      return;
    }
    double perSecond = line.skipped / 60.0;
    for (int second = 0; second < 60; second++) {
      test.bucket(timeline.index(minuteMillis + second * 1000L)).skipped += perSecond;
    }
    test.totals.skipped += line.skipped;
  }

  /**
   * The condition, and the knee when the line has it:
   * {@code p99 > 250ms (tripped at 4200/min, held 3900/min)}.
   */
  private static String tripLabel(Line line) {
    String label = line.label == null ? line.kindName : line.label;
    if (Double.isNaN(line.trippedRate)) {
      return label;
    }
    return label + " (tripped at " + rate(line.trippedRate)
        + (Double.isNaN(line.heldRate) ? "" : ", held " + rate(line.heldRate)) + ")";
  }

  private static String rate(double perMinute) {
    return (perMinute >= 10 ? Long.toString(Math.round(perMinute))
        : String.format(java.util.Locale.ROOT, "%.1f", perMinute)) + "/min";
  }

  /** A shape is marked where it first appears for its test, not at every minute that repeats it. */
  private void shape(Line line) {
    String key = line.testName + '\n' + line.shape;
    if (line.shape == null || shapes.containsKey(key)) {
      return;
    }
    if (shapes.size() < MAX_MARKERS) {
      shapes.put(key, line.shape);
    }
    marker(line, "shape", line.shape);
  }

  private void marker(Line line, String type, String label) {
    admit(line.epochMillis);
    if (markers.size() >= MAX_MARKERS) {
      markersLeftOut++;
      return;
    }
    markers.add(new Marker(line.epochMillis, type, line.testName, line.host, label == null ? "" : label));
  }

  private void problem(Line line) {
    String key = line.host + '|' + line.testName + '|' + (line.errorClass == null ? "" : line.errorClass);
    if (problems.containsKey(key) || problems.size() < MAX_MARKERS) {
      problems.merge(key, 1L, Long::sum);
    }
  }

  private void admit(long epochMillis) {
    int factor = timeline.admit(epochMillis);
    if (factor > 0) {
      tests.values().forEach(test -> test.coarsen(factor));
    }
  }

  /** The series of {@code name}; null beyond {@link #MAX_TESTS} tests (counted as filtered). */
  private TestSeries test(String name) {
    TestSeries test = tests.get(name);
    if (test == null) {
      if (tests.size() >= MAX_TESTS) {
        filteredOut++;
        return null;
      }
      test = new TestSeries(name);
      tests.put(name, test);
      int factor = timeline.limit(Math.max(MIN_BUCKETS, TEST_BUCKETS / tests.size()));
      if (factor > 0) {
        tests.values().forEach(series -> series.coarsen(factor));
      }
    }
    return test;
  }

  private int host(String name) {
    int id = hosts.id(name);
    while (hostCounts.size() <= id) {
      hostCounts.add(new long[4]);
      hostLatency.add(new Histogram(2));
    }
    return id;
  }

  /** All tests merged: the fleet's series. */
  TestSeries fleet() {
    TestSeries fleet = new TestSeries("all tests");
    tests.values().forEach(fleet::add);
    return fleet;
  }
}
