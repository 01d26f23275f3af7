package io.github.capacity.runner.fleet;

import io.github.capacity.runner.fleet.FleetTarget.Arrival;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The target's view of the fleet: pure arithmetic on the arrivals nginx logged. */
final class Arrivals {
  private final List<Arrival> arrivals;

  Arrivals(List<Arrival> arrivals) {
    this.arrivals = arrivals.stream().sorted((a, b) -> Long.compare(a.epochMillis(), b.epochMillis())).toList();
  }

  /** The arrival times in {@code [fromMillis, toMillis)}, of {@code host} or of every host when null. */
  List<Long> times(String host, long fromMillis, long toMillis) {
    List<Long> times = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      if (arrival.epochMillis() >= fromMillis && arrival.epochMillis() < toMillis
          && (host == null || host.equals(arrival.host()))) {
        times.add(arrival.epochMillis());
      }
    }
    return times;
  }

  /**
   * Requests per host that started in the calendar minute starting at {@code minuteMillis}: by
   * their start, since the minute's last one may end after the minute.
   */
  Map<String, Integer> perHost(long minuteMillis) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Arrival arrival : arrivals) {
      if (arrival.startMillis() >= minuteMillis && arrival.startMillis() < minuteMillis + 60_000) {
        counts.merge(arrival.host(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The coefficient of variation of the gaps between consecutive {@code times}: 0 is even. */
  static double gapCv(List<Long> times) {
    if (times.size() < 3) {
      throw new AssertionError("too few arrivals for gaps: " + times.size());
    }
    double[] gaps = new double[times.size() - 1];
    double sum = 0;
    for (int i = 1; i < times.size(); i++) {
      gaps[i - 1] = times.get(i) - times.get(i - 1);
      sum += gaps[i - 1];
    }
    double mean = sum / gaps.length;
    double squares = 0;
    for (double gap : gaps) {
      squares += (gap - mean) * (gap - mean);
    }
    return Math.sqrt(squares / gaps.length) / mean;
  }

  /**
   * Where in each period {@code host}'s arrivals in {@code [fromMillis, toMillis)} fall, in ms from
   * 0 to {@code periodMillis}: their circular mean, from which one late arrival moves it little.
   */
  double phaseMillis(String host, long fromMillis, long toMillis, double periodMillis) {
    double sin = 0;
    double cos = 0;
    for (long time : times(host, fromMillis, toMillis)) {
      double angle = 2 * Math.PI * ((time - fromMillis) % periodMillis) / periodMillis;
      sin += Math.sin(angle);
      cos += Math.cos(angle);
    }
    double turn = Math.atan2(sin, cos) / (2 * Math.PI);
    return (turn < 0 ? turn + 1 : turn) * periodMillis;
  }

  /**
   * When {@code host} went over to a faster rate after {@code sinceMillis}: the first arrival
   * that ends a gap shorter than {@code thresholdMillis} and is followed by two more such gaps
   * (one short gap alone may be a late execution followed by an on-time one). Fails if none.
   */
  long fasterFrom(String host, long sinceMillis, long thresholdMillis) {
    List<Long> times = times(host, sinceMillis - 10_000, Long.MAX_VALUE);
    for (int i = 1; i + 2 < times.size(); i++) {
      if (times.get(i) >= sinceMillis
          && times.get(i) - times.get(i - 1) < thresholdMillis
          && times.get(i + 1) - times.get(i) < thresholdMillis
          && times.get(i + 2) - times.get(i + 1) < thresholdMillis) {
        return times.get(i);
      }
    }
    throw new AssertionError(host + " never ran faster than one per " + thresholdMillis + " ms after " + sinceMillis);
  }

  /** The last arrival of any host, or {@code Long.MIN_VALUE} when none. */
  long last() {
    return arrivals.isEmpty() ? Long.MIN_VALUE : arrivals.get(arrivals.size() - 1).epochMillis();
  }
}
