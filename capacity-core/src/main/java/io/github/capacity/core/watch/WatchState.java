package io.github.capacity.core.watch;

import java.util.Map;

/**
 * One look at the watched paths.
 *
 * @param config the stamp of each relevant config file by name ({@code ""} for a single-file
 *     config path, {@code "/"} marks the config folder itself); empty when the path is absent
 * @param stopFilePresent whether the stop file exists
 */
record WatchState(Map<String, WatchTargets.FileStamp> config, boolean stopFilePresent) {
  WatchState {
    config = Map.copyOf(config);
  }

  /** The same config, with the stop file taken as absent: the baseline before the first look. */
  WatchState withoutStopFile() {
    return new WatchState(config, false);
  }
}
