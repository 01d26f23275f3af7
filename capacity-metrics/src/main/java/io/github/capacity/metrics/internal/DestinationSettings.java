package io.github.capacity.metrics.internal;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.time.Duration;

/**
 * Readers for the {@code destinations.json} keys the built-in destinations share, each with its
 * default and an error naming the JSON path and what was expected. Stateless.
 */
public final class DestinationSettings {
  /** Default {@code buffer}: events held while the sender is behind. */
  public static final int DEFAULT_BUFFER = 10_000;
  /** Default {@code write_timeout}. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code connect_timeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private DestinationSettings() {}

  /** {@code host}: a name or address without spaces or control characters. */
  public static String host(Definition definition, String defaultHost) throws InvalidDefinitionException {
    String host = definition.string("host", defaultHost);
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:\\[\\]-]+")) {
      throw definition.error("host", "is " + Definition.describe(host)
          + ", expected a host name or IP address such as \"127.0.0.1\"");
    }
    return host;
  }

  /** {@code port}: 1 to 65535. */
  public static int port(Definition definition, int defaultPort) throws InvalidDefinitionException {
    return (int) definition.integer("port", defaultPort, 1, 65_535);
  }

  /** {@code prefix}: the first levels of every metric name. */
  public static String prefix(Definition definition) throws InvalidDefinitionException {
    String prefix = definition.string("prefix", "capacity");
    if (!MetricNames.isSafePath(prefix)) {
      throw definition.error("prefix", "is " + Definition.describe(prefix)
          + ", expected letters, digits, _ and - in levels separated by single dots, such as \"capacity\"");
    }
    return prefix;
  }

  /** {@code buffer}: how many events wait at most, 1 to 1,000,000. */
  public static int buffer(Definition definition) throws InvalidDefinitionException {
    return (int) definition.integer("buffer", DEFAULT_BUFFER, 1, 1_000_000);
  }

  /** {@code write_timeout}: how long one delivery may block before it counts as failing. */
  public static Duration writeTimeout(Definition definition) throws InvalidDefinitionException {
    return definition.duration("write_timeout", DEFAULT_WRITE_TIMEOUT);
  }

  /** {@code connect_timeout}: at most one minute. */
  public static int connectTimeoutMillis(Definition definition) throws InvalidDefinitionException {
    Duration timeout = definition.duration("connect_timeout", DEFAULT_CONNECT_TIMEOUT);
    if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw definition.error("connect_timeout", "is " + Definition.describe(definition.settings().get("connect_timeout"))
          + ", expected at most \"1m\"");
    }
    return (int) Math.max(1, timeout.toMillis());
  }

  /** {@code packet_size}: bytes per datagram, 64 to 65507. */
  public static int packetSize(Definition definition) throws InvalidDefinitionException {
    return (int) definition.integer("packet_size", 1432, 64, 65_507);
  }
}
