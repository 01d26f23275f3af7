package io.github.capacity.runner.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A named logger that formats the message and hands it to the shared {@link LogOutput}. */
final class CapacityLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient LogOutput output;

  CapacityLogger(String name, LogOutput output) {
    this.name = name;
    this.output = output;
  }

  @Override
  public boolean isTraceEnabled() {
    return output.enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return output.enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return output.enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return output.enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return output.enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    output.write(level, name, message, throwable);
  }
}
