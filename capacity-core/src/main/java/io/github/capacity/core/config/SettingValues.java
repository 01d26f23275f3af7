package io.github.capacity.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of the settings keys of one file, starting from the defaults of {@link
 * SettingsTable}. Not thread safe; one instance per settings file.
 */
final class SettingValues {
  private final Path baseDir;
  private final Map<Setting<?>, Object> values = new LinkedHashMap<>();

  /** Relative paths are resolved against {@code baseDir}; defaults are those of {@code installDir}. */
  SettingValues(Path baseDir, Path installDir) {
    this.baseDir = baseDir;
    for (Setting<?> setting : SettingsTable.ALL) {
      values.put(setting, setting.defaultValue(installDir));
    }
  }

  /** Stores the value of {@code setting} read from {@code raw}, or returns what is wrong with it. */
  String set(Setting<?> setting, String raw) {
    Setting.Parsed<?> parsed = setting.read(raw, baseDir);
    if (parsed.problem() == null) {
      values.put(setting, parsed.value());
    }
    return parsed.problem();
  }

  /** The value of {@code setting} so far. */
  @SuppressWarnings("unchecked")
  <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  Settings build(Path source) {
    return new Settings(source, values);
  }
}
