/**
 * What the built-in destinations share: aggregation, latency statistics, metric names, JSON lines,
 * packing and settings. Internals of {@code capacity-metrics}, public only so that the destination
 * packages ({@code graphite}, {@code statsd}, {@code file}, {@code udp}) can use them: not an API,
 * they may change in any release. A destination plugin builds on {@code io.github.capacity.sink}
 * (module {@code capacity-sink}) instead. Keys, metric names and JSON fields are described in
 * {@code docs/metrics.md}.
 */
package io.github.capacity.metrics.internal;
