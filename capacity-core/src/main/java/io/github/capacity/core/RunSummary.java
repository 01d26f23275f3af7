package io.github.capacity.core;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.core.config.ConfigError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link CapacityEngine#runUntil run} did.
 *
 * @param accounts each test's account of each window it ran in, in the order they closed
 * @param stopped whether the run was stopped ({@link CapacityEngine#stop()}, the stop file) rather
 *     than reaching its end
 * @param problems every configuration problem met: refused lines, undefined or invalid tests and
 *     destinations, each with its {@code file:line}; and every test or destination disabled
 *     because its plugin failed, naming the plugin's jar and the call
 * @param tests each test's totals over the whole run, by {@code test_name} in the order the
 *     tests started
 */
public record RunSummary(List<MinuteAccount> accounts, boolean stopped, List<ConfigError> problems,
    Map<String, TestSummary> tests) {
  public RunSummary {
    accounts = List.copyOf(accounts);
    problems = List.copyOf(problems);
    tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
  }

  /** A summary without per-test totals. */
  public RunSummary(List<MinuteAccount> accounts, boolean stopped, List<ConfigError> problems) {
    this(accounts, stopped, problems, Map.of());
  }

  /** The sum of {@code started} over all accounts. */
  public long started() {
    return accounts.stream().mapToLong(MinuteAccount::started).sum();
  }
}
