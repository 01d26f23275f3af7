package io.github.capacity.core;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * What the engine does with a failure inside plugin code (a test type, a prepared test, a
 * destination or its sink): everything a plugin throws is the plugin's fault and disables that
 * plugin only, except the few errors after which the JVM itself cannot be trusted.
 *
 * <p>Let through, and so ending the run: {@link OutOfMemoryError}, {@link InternalError} and
 * {@link UnknownError} (every {@link VirtualMachineError} but one). The heap and the VM are shared
 * by every test, so after one of these no other test's results can be trusted, and the cron job's
 * next run starts a fresh JVM. {@link StackOverflowError} is caught like any other error: by the
 * time the engine sees it, the plugin's frames are gone and the scheduler's stack is whole again;
 * it is a bug in one plugin (a runaway recursion), not in the VM. {@link LinkageError}s such as
 * {@link AbstractMethodError} and {@link NoClassDefFoundError} are caught: they mean a plugin
 * built against another API or missing a library, which is that plugin's problem.
 */
public final class PluginCalls {
  private PluginCalls() {}

  /** Rethrows {@code failure} when it is an error the engine must not survive; else returns. */
  public static void rethrowIfFatal(Throwable failure) {
    if (isFatal(failure)) {
      throw (VirtualMachineError) failure;
    }
  }

  /** Whether the engine must not survive {@code failure}: a VM error but a stack overflow. */
  static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }

  /** {@code com.example.Type (in /opt/capacity/plugins/a.jar)}: a plugin for log messages. */
  public static String describe(Object plugin) {
    return plugin == null ? "(null)" : plugin.getClass().getName() + " (in " + jarOf(plugin.getClass()) + ")";
  }

  /** The jar (or folder) a class was loaded from, as a path when it is a file. */
  public static String jarOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "(unknown location)";
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  /** A failure for a message: its class and message, and its first frame for an error. */
  static String what(Throwable failure) {
    String text = failure.toString();
    StackTraceElement[] frames = failure.getStackTrace();
    return failure instanceof Error && frames.length > 0 ? text + " at " + frames[0] : text;
  }
}
