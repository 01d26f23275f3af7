package io.github.capacity.runner.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link CapacityLogger} per name, all writing to one {@link LogOutput}. Thread safe. */
final class CapacityLoggerFactory implements ILoggerFactory {
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final LogOutput output;

  CapacityLoggerFactory(LogOutput output) {
    this.output = output;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new CapacityLogger(n, output));
  }
}
