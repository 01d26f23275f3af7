/**
 * Watching the config path and the stop file for a whole run: {@link
 * io.github.capacity.core.watch.FileWatcher}, native (inotify) with a polling fallback.
 */
package io.github.capacity.core.watch;
