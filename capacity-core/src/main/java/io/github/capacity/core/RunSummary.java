package io.github.capacity.core;

import io.github.capacity.api.MinuteAccount;
import io.github.capacity.core.config.ConfigError;
import java.util.List;

/**
 * What one {@link CapacityEngine#runUntil run} did.
 *
 * @param accounts each test's account of each window it ran in, in the order they closed
 * @param stopped whether the run was stopped ({@link CapacityEngine#stop()}, the stop file) rather
 *     than reaching its end
 * @param problems every configuration problem met: refused lines, undefined or invalid tests and
 *     destinations, each with its {@code file:line}
 */
public record RunSummary(List<MinuteAccount> accounts, boolean stopped, List<ConfigError> problems) {
  public RunSummary {
    accounts = List.copyOf(accounts);
    problems = List.copyOf(problems);
  }

  /** The sum of {@code started} over all accounts. */
  public long started() {
    return accounts.stream().mapToLong(MinuteAccount::started).sum();
  }
}
