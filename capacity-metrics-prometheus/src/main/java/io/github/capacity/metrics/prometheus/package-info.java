/** The {@code prometheus} destination: interval aggregates pushed with the remote-write protocol. */
package io.github.capacity.metrics.prometheus;
