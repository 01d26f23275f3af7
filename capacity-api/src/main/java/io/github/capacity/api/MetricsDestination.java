package io.github.capacity.api;

/**
 * A kind of place results go, such as {@code graphite}: the service-provider interface for metrics
 * destinations. Found with {@link java.util.ServiceLoader} through {@code
 * META-INF/services/io.github.capacity.api.MetricsDestination}; a public no-argument constructor
 * that does no I/O.
 *
 * <p>Built-in destinations work with no configuration at all: the engine opens one with an empty
 * {@link Definition} named after the type when no entry of {@code destinations.json} names it.
 * Implementations are thread safe.
 */
public interface MetricsDestination {

  /** The name that {@code "type"} in {@code destinations.json} selects, and the built-in name. */
  String name();

  /**
   * Validates a definition and opens a sink. Opening must not wait on the network: connect in the
   * background, so that a metrics server that is down never delays the tests.
   *
   * @throws InvalidDefinitionException naming the JSON path and what was expected
   */
  MetricsSink open(Definition definition, DestinationContext context) throws InvalidDefinitionException;

  /**
   * The version of {@code capacity-api} this plugin was built against, {@code MAJOR.MINOR}. Override
   * it with {@code return ApiVersion.CURRENT;}, which the compiler turns into the version you
   * compile against (see {@link ApiVersion}); a plugin built for a newer API than the runtime's is
   * refused when it is loaded, with a message naming its jar and both versions. The default, for
   * plugins that do not say, is {@link ApiVersion#BASELINE}.
   */
  default String apiVersion() {
    return ApiVersion.BASELINE;
  }
}
