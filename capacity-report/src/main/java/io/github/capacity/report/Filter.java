package io.github.capacity.report;

import java.util.Set;

/**
 * Which lines a report keeps: a time range {@code [fromMillis, toMillis)} and, when not empty,
 * the test names and hosts wanted. Immutable.
 *
 * @param fromMillis first epoch millisecond kept, {@link Long#MIN_VALUE} for no bound
 * @param toMillis first epoch millisecond no longer kept, {@link Long#MAX_VALUE} for no bound
 * @param tests test names kept, all when empty
 * @param hosts hosts kept, all when empty
 */
record Filter(long fromMillis, long toMillis, Set<String> tests, Set<String> hosts) {
  static final Filter ALL = new Filter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());

  Filter {
    tests = Set.copyOf(tests);
    hosts = Set.copyOf(hosts);
  }

  /** Whether {@code line} (parsed and checked) is kept. */
  boolean keeps(Line line) {
    long time = line.timeMillis();
    if (time < fromMillis || time >= toMillis) {
      return false;
    }
    if (!hosts.isEmpty() && !hosts.contains(line.host)) {
      return false;
    }
    // A line of no test (a host's guardrail event or dropped metrics) stays with its host.
    return tests.isEmpty() || line.testName.isEmpty() || tests.contains(line.testName);
  }
}
