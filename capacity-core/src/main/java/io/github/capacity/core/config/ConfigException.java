package io.github.capacity.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration that cannot be used at all, such as a settings file with mistakes. It carries every
 * mistake found, not just the first; its message lists them one per line as {@code file:line:
 * message}.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<ConfigError> errors;

  /** @param errors at least one */
  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors is empty");
    }
    this.errors = List.copyOf(errors);
  }

  public ConfigException(ConfigError error) {
    this(List.of(error));
  }

  /** Every mistake, in file and line order; never empty. */
  public List<ConfigError> errors() {
    return errors;
  }
}
