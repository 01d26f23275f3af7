package io.github.capacity.runner;

/**
 * The exit statuses of {@code bin/capacity}, stable for cron wrappers and configuration
 * management:
 *
 * <ul>
 *   <li>{@code 0} {@link #OK}: the minute ran (or was already claimed by another instance), or
 *       {@code check} found nothing wrong;
 *   <li>{@code 1} {@link #CONFIG_ERROR}: a setting, a test, a destination or a line is wrong
 *       ({@code check}), or the settings cannot be read (cron job);
 *   <li>{@code 2} {@link #USAGE}: unknown command or option;
 *   <li>{@code 3} {@link #NO_SLOT}: {@code max.instances} instances are already running;
 *   <li>{@code 4} {@link #STOPPED}: the stop file exists, or appeared during the run;
 *   <li>{@code 5} {@link #FAILURE}: anything else went wrong (a bug, an unwritable lock folder);
 *   <li>{@code 6} {@link #OUT_OF_MEMORY}: the heap was too small for what the files asked.
 * </ul>
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int CONFIG_ERROR = 1;
  public static final int USAGE = 2;
  public static final int NO_SLOT = 3;
  public static final int STOPPED = 4;
  public static final int FAILURE = 5;
  public static final int OUT_OF_MEMORY = 6;

  private ExitCode() {}
}
