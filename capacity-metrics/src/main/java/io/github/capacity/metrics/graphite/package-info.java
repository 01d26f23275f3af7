/** The {@code graphite} destination: interval aggregates in the plaintext protocol. */
package io.github.capacity.metrics.graphite;
