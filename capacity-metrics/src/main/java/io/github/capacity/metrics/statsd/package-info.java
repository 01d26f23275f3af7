/** The {@code statsd} destination: per-execution counters and timers over UDP. */
package io.github.capacity.metrics.statsd;
