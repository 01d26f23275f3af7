package io.github.capacity.api;

/**
 * A kind of test the toolkit can run, such as {@code http}: the service-provider interface for
 * test types. Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.github.capacity.api.TestType}. They need a public no-argument
 * constructor that does no I/O; configuration comes afterwards, through {@link #prepare}.
 *
 * <p>Implementations are thread safe.
 */
public interface TestType {

  /**
   * The name that {@code "type"} in {@code tests.json} selects: 1 to 40 of {@code a-z 0-9 _ -},
   * unique among installed plugins.
   */
  String name();

  /**
   * Validates a definition from {@code tests.json} and prepares it to run. This happens when the
   * configuration is loaded (and by {@code capacity check}), so a mistake is reported then, not
   * at the first execution. It may build clients and pools but should not contact the target.
   *
   * @throws InvalidDefinitionException naming the JSON path and what was expected; {@link
   *     Definition}'s readers build such errors
   */
  PreparedTest prepare(Definition definition, TestContext context) throws InvalidDefinitionException;

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
