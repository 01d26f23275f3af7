package io.github.capacity.core;

import io.github.capacity.core.config.TestLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new reading of the configuration changes in a run: the tests to stop, to start and to
 * re-plan. A pure function of what runs and what is wanted, with no clock and no side effect, so
 * that the scheduler only carries it out.
 *
 * @param removed running lines no longer wanted, in running order
 * @param started wanted lines not running, in configuration order
 * @param changed wanted lines whose running line differs (rate, type, destination, place)
 */
record LineChanges(List<TestLine> removed, List<TestLine> started, List<TestLine> changed) {
  LineChanges {
    removed = List.copyOf(removed);
    started = List.copyOf(started);
    changed = List.copyOf(changed);
  }

  /**
   * @param running the lines of the tests running now
   * @param wanted the lines the configuration holds, in order; the first of a name wins
   * @param held names that must not start again in this run (stopped for a reason that a new
   *     reading does not clear, such as a destination that failed too long)
   */
  static LineChanges between(Collection<TestLine> running, List<TestLine> wanted, Set<String> held) {
    Map<String, TestLine> wantedByName = new LinkedHashMap<>();
    for (TestLine line : wanted) {
      wantedByName.putIfAbsent(line.testName(), line);
    }
    Map<String, TestLine> runningByName = new LinkedHashMap<>();
    List<TestLine> removed = new ArrayList<>();
    for (TestLine line : running) {
      runningByName.put(line.testName(), line);
      if (!wantedByName.containsKey(line.testName())) {
        removed.add(line);
      }
    }
    List<TestLine> started = new ArrayList<>();
    List<TestLine> changed = new ArrayList<>();
    for (TestLine line : wantedByName.values()) {
      if (held.contains(line.testName())) {
        continue;
      }
      TestLine current = runningByName.get(line.testName());
      if (current == null) {
        started.add(line);
      } else if (!current.equals(line)) {
        changed.add(line);
      }
    }
    return new LineChanges(removed, started, changed);
  }
}
