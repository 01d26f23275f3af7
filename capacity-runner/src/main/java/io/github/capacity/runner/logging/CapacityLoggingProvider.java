package io.github.capacity.runner.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The runner's SLF4J 2 backend, found by SLF4J through {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider}. It writes to {@code log.dir/capacity.log}
 * with a size cap once {@link LogOutput#toFile} is called, and sends errors to stderr at most once
 * per message; see {@link LogOutput}. It is a few small classes rather than logback so that a
 * process started every minute on a shared host loads little.
 *
 * <p>Thread safe. SLF4J instantiates it once.
 */
public final class CapacityLoggingProvider implements SLF4JServiceProvider {
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new NOPMDCAdapter();
  private ILoggerFactory loggerFactory;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    loggerFactory = new CapacityLoggerFactory(LogOutput.get());
  }
}
