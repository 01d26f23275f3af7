package io.github.capacity.core;

import io.github.capacity.api.Definition;
import io.github.capacity.api.DestinationContext;
import io.github.capacity.api.MetricsDestination;
import io.github.capacity.api.Result;
import io.github.capacity.api.TestContext;
import io.github.capacity.api.TestType;
import io.github.capacity.api.TimeSource;
import io.github.capacity.core.config.ConfigError;
import io.github.capacity.core.config.ConfigSource;
import io.github.capacity.core.config.Settings;
import io.github.capacity.core.config.SettingsTable;
import io.github.capacity.core.guard.AbortRules;
import io.github.capacity.core.guard.Guardrails;
import io.github.capacity.core.guard.TripStore;
import io.github.capacity.core.pacing.CatchUp;
import io.github.capacity.core.pacing.Fleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Runs configuration lines as paced load: the public face of the core, for the cron runner and
 * for programs that embed the toolkit.
 *
 * <pre>{@code
 * CapacityEngine engine = CapacityEngine.builder()
 *     .testType(new MyTestType())
 *     .destinationType(new MyDestination())
 *     .tests(Map.of("ping", new Definition("code", "ping", "my-type", Map.of())), path -> 0)
 *     .configSource(ConfigSource.of(List.of(new TestLine("code", 1, "ping", "ping", 60, "mine"))))
 *     .build();
 * RunSummary summary = engine.runMinute();
 * engine.close();
 * }</pre>
 *
 * <p>A run plans each line's executions over the calendar minute (see {@link
 * io.github.capacity.core.pacing.Schedule}), starts each at its planned instant whether or not
 * earlier ones have finished (up to {@code maxInFlight} per line, beyond which it is counted as
 * dropped), re-reads its {@link ConfigSource} when told the configuration changed, and at its end
 * lets executions in flight finish within the drain timeout, cancels the rest and flushes the
 * destinations.
 *
 * <p>{@link #runMinute()}/{@link #runUntil} run on the calling thread, one run at a time. {@link
 * #configChanged()} and {@link #stop()} may be called from any thread.
 *
 * <p>Over 400 lines, most of them the {@link Builder}: one documented, validated method per
 * setting an embedder may give, kept beside the engine it builds so the public API reads in one
 * place.
 */
public final class CapacityEngine implements AutoCloseable {
  private final MinuteLoop loop;
  private final Catalog catalog;
  private final Duration closeTimeout;
  private final ConfigSource configSource;

  private CapacityEngine(Builder b) {
    TestContext testContext = new TestContext(b.host, b.version, b.maxInFlight, b.time);
    DestinationContext destinationContext = new DestinationContext(b.host, b.logDir, b.time, b.spoolDir,
        b.spoolMaxBytes);
    AbortRules abort = AbortRules.of(b.tests);
    this.catalog = new Catalog(Map.copyOf(b.testTypes), Map.copyOf(b.destinationTypes),
        new LinkedHashMap<>(abort.definitions()), b.testLines, new LinkedHashMap<>(b.destinations),
        b.destinationLines, testContext, destinationContext, b.defaultDestination, abort.errors(),
        b.strictDestinations, b.blockLimit);
    TripStore trips = b.tripsDir == null ? null : new TripStore(b.tripsDir);
    Guardrails guardrails = new Guardrails(abort.rules(), trips, b.time, b.host);
    RunContext context = new RunContext(b.time, b.host, b.fleet, b.catchUp, b.catchUpMaxFactor,
        b.maxInFlight, b.resultListener, guardrails, b.blockLimit.toNanos());
    this.loop = new MinuteLoop(context, catalog, b.configSource, b.drainTimeout,
        b.metricsRequired ? b.metricsRequiredAfter : null);
    this.configSource = b.configSource;
    // The run has flushed already; closing only has stragglers to send.
    this.closeTimeout = Duration.ofSeconds(1);
  }

  /** A builder with the defaults of {@code capacity.properties}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the calendar minute that holds now, then drains and flushes. Blocks until then. */
  public RunSummary runMinute() {
    long now = loop.wallMillis();
    return runUntil(Math.floorDiv(now, 60_000L) * 60_000L + 60_000L);
  }

  /**
   * Runs until the wall clock reaches {@code endEpochMillis}, then drains and flushes; windows
   * follow each other with no gap when the run spans several minutes. Returns early after {@link
   * #stop()} or an interrupt of the calling thread (whose interrupt status is then set again).
   *
   * @throws IllegalStateException when a run is already under way
   */
  public RunSummary runUntil(long endEpochMillis) {
    return loop.runUntil(endEpochMillis);
  }

  /**
   * Prepares the tests and opens the destinations that the {@link ConfigSource} names now, which
   * a run otherwise does at its start: a caller can then settle the JVM (a garbage collection, say)
   * before the first execution is due. Optional; problems are reported by the run. Not during a
   * run.
   *
   * @throws IllegalStateException when a run is under way
   */
  public void prepare() {
    loop.prepare();
  }

  /**
   * Finds every problem a run would meet, before anything runs: reads the {@link ConfigSource},
   * prepares every test definition and opens every destination (kept for the run, as {@link
   * #prepare()} does), with the run's own resolution and words. Not during a run.
   */
  public Validation validate() {
    return Validator.validate(configSource, catalog);
  }

  /** Re-reads the {@link ConfigSource} now: new lines start, removed ones stop. Any thread. */
  public void configChanged() {
    loop.configChanged();
  }

  /** Stops the run at once: cancels what is in flight, flushes, returns. Any thread. */
  public void stop() {
    loop.stop();
  }

  /** Closes every prepared test and destination; call after the last run. */
  @Override
  public void close() {
    catalog.close(closeTimeout);
  }

  /**
   * Configures an engine. Not thread safe; {@link #build()} copies what it needs.
   */
  public static final class Builder {
    private String host = HostName.local();
    private Fleet fleet = Fleet.ALONE;
    private String version = Version.CURRENT;
    private TimeSource time = TimeSource.system();
    private final Map<String, TestType> testTypes = new LinkedHashMap<>();
    private final Map<String, MetricsDestination> destinationTypes = new LinkedHashMap<>();
    private Map<String, Definition> tests = Map.of();
    private ToIntFunction<String> testLines = path -> 0;
    private Map<String, Definition> destinations = Map.of();
    private ToIntFunction<String> destinationLines = path -> 0;
    private ConfigSource configSource = ConfigSource.of(java.util.List.of());
    // The defaults of capacity.properties, so that an embedded engine and the cron job agree;
    // except catch-up: an embedded engine runs from now (see catchUp), not the cron job's minute.
    private CatchUp catchUp = CatchUp.NONE;
    private double catchUpMaxFactor = SettingsTable.CATCH_UP_MAX_FACTOR.defaultValue();
    private int maxInFlight = SettingsTable.MAX_IN_FLIGHT.defaultValue();
    private Duration drainTimeout = SettingsTable.DRAIN_TIMEOUT.defaultValue();
    private String defaultDestination = SettingsTable.DEFAULT_DESTINATION.defaultValue();
    private Path logDir = SettingsTable.LOG_DIR.defaultValue();
    private Path spoolDir;
    private long spoolMaxBytes;
    private boolean metricsRequired = SettingsTable.METRICS_REQUIRED.defaultValue();
    private Duration metricsRequiredAfter = SettingsTable.METRICS_REQUIRED_AFTER.defaultValue();
    private Consumer<Result> resultListener;
    private boolean strictDestinations = true;
    private Duration blockLimit = Duration.ofSeconds(1);
    private Path tripsDir;

    private Builder() {}

    /** The host name used in results, metric names and phase offsets. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * This host's place in its fleet: a fleet-wide rate ({@code fleet:6000}) runs this host's
     * share of it. Defaults to {@link Fleet#ALONE}, where the share is the whole.
     */
    public Builder fleet(Fleet fleet) {
      this.fleet = Objects.requireNonNull(fleet, "fleet");
      return this;
    }

    /** The toolkit version test types may advertise (a {@code User-Agent}). */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Adds a test type; a later one with the same name replaces an earlier one.
     *
     * @throws IllegalArgumentException when its {@code name()} throws or returns null, or it does
     *     not fit this API ({@link PluginCompatibility})
     */
    public Builder testType(TestType type) {
      String name = nameOf(type, type::name);
      admit(PluginCompatibility.check(type));
      testTypes.put(name, type);
      return this;
    }

    public Builder testTypes(Iterable<? extends TestType> types) {
      types.forEach(this::testType);
      return this;
    }

    /**
     * Adds a destination type; a later one with the same name replaces an earlier one.
     *
     * @throws IllegalArgumentException when its {@code name()} throws or returns null, or it does
     *     not fit this API ({@link PluginCompatibility})
     */
    public Builder destinationType(MetricsDestination type) {
      String name = nameOf(type, type::name);
      admit(PluginCompatibility.check(type));
      destinationTypes.put(name, type);
      return this;
    }

    private static void admit(String incompatibility) {
      if (incompatibility != null) {
        throw new IllegalArgumentException(incompatibility);
      }
    }

    private static String nameOf(Object plugin, java.util.function.Supplier<String> name) {
      Objects.requireNonNull(plugin, "plugin");
      String value;
      try {
        value = name.get();
      } catch (Throwable e) {
        PluginCalls.rethrowIfFatal(e);
        throw new IllegalArgumentException(PluginCalls.describe(plugin) + " failed in name(): " + e, e);
      }
      if (value == null) {
        throw new IllegalArgumentException(PluginCalls.describe(plugin) + " returned null from name()");
      }
      return value;
    }

    public Builder destinationTypes(Iterable<? extends MetricsDestination> types) {
      types.forEach(this::destinationType);
      return this;
    }

    /**
     * The named tests (of {@code tests.json}) lines may refer to, and where each JSON path is, for
     * error messages ({@code 0} when unknown). A test's {@code abort} block is the engine's own
     * (see {@link io.github.capacity.core.guard.AbortRule}); its plugin gets the rest.
     */
    public Builder tests(Map<String, Definition> tests, ToIntFunction<String> lineOfJsonPath) {
      // In file order, not Map.copyOf's order of the day: "expected one of" lists stay stable.
      this.tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
      this.testLines = Objects.requireNonNull(lineOfJsonPath, "lineOfJsonPath");
      return this;
    }

    /** The named destinations (of {@code destinations.json}), and where each JSON path is. */
    public Builder destinations(Map<String, Definition> destinations, ToIntFunction<String> lineOfJsonPath) {
      this.destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
      this.destinationLines = Objects.requireNonNull(lineOfJsonPath, "lineOfJsonPath");
      return this;
    }

    /**
     * Takes every engine setting of a {@code capacity.properties} (pacing, limits, destinations,
     * host), as the cron job does; the config source, plugins and definitions are set apart.
     */
    public Builder settings(Settings settings) {
      catchUp(settings.catchUp());
      catchUpMaxFactor(settings.catchUpMaxFactor());
      maxInFlight(settings.maxInFlight());
      drainTimeout(settings.drainTimeout());
      defaultDestination(settings.defaultDestination());
      strictDestinations(settings.get(SettingsTable.DESTINATIONS_STRICT));
      logDir(settings.logDir());
      metricsRequired(settings.metricsRequired(), settings.metricsRequiredAfter());
      trips(settings.tripsDir());
      if (settings.spoolMaxBytes() > 0) {
        spool(settings.spoolDir(), settings.spoolMaxBytes());
      }
      if (settings.host() != null) {
        host(settings.host()); // else this machine's short name
      }
      if (settings.fleet() != null) {
        fleet(settings.fleet());
      }
      return this;
    }

    public Builder configSource(ConfigSource configSource) {
      this.configSource = Objects.requireNonNull(configSource, "configSource");
      return this;
    }

    /**
     * What a line that starts after its minute began does with the executions planned before it:
     * {@link CatchUp#NONE} by default (run from now: an embedded engine runs at its rate from the
     * moment it starts); the cron runner passes the operator's {@code catch_up} ({@link
     * CatchUp#SPREAD} unless set), which owes the whole calendar minute.
     */
    public Builder catchUp(CatchUp catchUp) {
      this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
      return this;
    }

    /** The catch-up rate limit as a multiple of a test's rate; {@code > 1}. */
    public Builder catchUpMaxFactor(double factor) {
      if (!(factor > 1)) {
        throw new IllegalArgumentException("catch-up max factor must be > 1: " + factor);
      }
      this.catchUpMaxFactor = factor;
      return this;
    }

    /** Executions of one line that may run at once; more are dropped. */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight < 1: " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /** How long executions in flight may finish after a run's end before they are cancelled. */
    public Builder drainTimeout(Duration drainTimeout) {
      if (drainTimeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout < 0: " + drainTimeout);
      }
      this.drainTimeout = drainTimeout;
      return this;
    }

    /**
     * Whether a line naming an unknown destination is refused (the default: a typo in code is an
     * error) rather than sent to {@link #defaultDestination} with a warning, as the cron job does
     * unless {@code destinations.strict} is set.
     */
    public Builder strictDestinations(boolean strict) {
      this.strictDestinations = strict;
      return this;
    }

    /**
     * How long a call into a plugin that must return at once ({@code start}, {@code expectRate},
     * a sink's {@code record}, {@code account}, {@code problem}) may take before the engine
     * disables that test or destination for the rest of the run, so that it stalls the others
     * once at most; one second by default. A plugin's {@code start} (a type loaded by a {@link
     * PluginClassLoader}) runs on a thread of its test's own and stalls nobody: it is judged from
     * its hand-off. A destination's {@code open} that takes longer is named in the log.
     */
    public Builder blockLimit(Duration limit) {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("blockLimit <= 0: " + limit);
      }
      this.blockLimit = limit;
      return this;
    }

    /** Where a line whose destination is unknown sends its results when not strict. */
    public Builder defaultDestination(String name) {
      this.defaultDestination = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The folder destinations write into by default (the file destination). */
    public Builder logDir(Path logDir) {
      this.logDir = Objects.requireNonNull(logDir, "logDir");
      return this;
    }

    /**
     * Where destinations that can replay (graphite, prometheus) keep what they could not deliver,
     * each in a folder of its own holding at most {@code maxBytes}; none by default (drops are
     * counted instead).
     */
    public Builder spool(Path dir, long maxBytes) {
      if (maxBytes < 1024) {
        throw new IllegalArgumentException("maxBytes < 1024: " + maxBytes);
      }
      this.spoolDir = Objects.requireNonNull(dir, "dir");
      this.spoolMaxBytes = maxBytes;
      return this;
    }

    /**
     * When {@code required}, a test whose destination has failed to deliver for longer than
     * {@code after} stops, so that a service is never loaded blind.
     */
    public Builder metricsRequired(boolean required, Duration after) {
      this.metricsRequired = required;
      this.metricsRequiredAfter = Objects.requireNonNull(after, "after");
      return this;
    }

    /**
     * The folder of trip records: a test stopped by its {@code abort} block stays stopped across
     * engines (cron runs) while its record there is in force. {@code null} (the default) keeps
     * trips in memory for this engine's life.
     */
    public Builder trips(Path dir) {
      this.tripsDir = dir;
      return this;
    }

    /** Receives every result as well, on the thread that completed it; must not block. */
    public Builder resultListener(Consumer<Result> listener) {
      this.resultListener = listener;
      return this;
    }

    public CapacityEngine build() {
      return new CapacityEngine(this);
    }
  }
}
