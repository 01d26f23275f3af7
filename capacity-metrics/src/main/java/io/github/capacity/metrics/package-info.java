/**
 * The built-in metrics destinations of CanIHazCapacityTest and what they share. The public
 * classes of this package are internals of {@code capacity-metrics}, public only so that the
 * destination packages ({@code graphite}, {@code statsd}, {@code file}, {@code udp}) can use them:
 * they are not an API and may change in any release. Plugins implement {@link
 * io.github.capacity.api.MetricsDestination} instead.
 *
 * <p>Design: a destination's sink is a {@link io.github.capacity.metrics.BufferedSink}: a bounded
 * buffer that callers never wait on, and one sender thread that passes events through the
 * destination's {@link io.github.capacity.metrics.Pipeline} (aggregate, format, pack) and
 * delivers payloads over a {@link io.github.capacity.metrics.Transport} with back-off. Keys,
 * metric names and JSON fields are described in {@code docs/metrics.md}.
 */
package io.github.capacity.metrics;
