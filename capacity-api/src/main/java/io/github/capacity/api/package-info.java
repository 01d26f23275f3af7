/**
 * The plugin platform of CanIHazCapacityTest: the service-provider interfaces {@link
 * io.github.capacity.api.TestType} and {@link io.github.capacity.api.MetricsDestination}, and the
 * immutable values that flow between them and the engine. Depends on the JDK only.
 *
 * <p>Life of a test: the engine finds a {@code TestType} by name, {@link
 * io.github.capacity.api.TestType#prepare prepares} each definition when the configuration is
 * loaded (mistakes reported then), {@link io.github.capacity.api.PreparedTest#start starts} an
 * execution at each planned instant, and builds a {@link io.github.capacity.api.Result} when the
 * {@link io.github.capacity.api.Outcome} arrives, which it passes to the test's {@link
 * io.github.capacity.api.MetricsSink}.
 */
package io.github.capacity.api;
