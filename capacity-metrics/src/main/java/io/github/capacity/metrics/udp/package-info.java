/** The {@code udp} destination: the seed's JSON document per execution, one per datagram. */
package io.github.capacity.metrics.udp;
