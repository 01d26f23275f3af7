/** The {@code file} destination: JSON Lines in one file per UTC day, safe for several writers. */
package io.github.capacity.metrics.file;
