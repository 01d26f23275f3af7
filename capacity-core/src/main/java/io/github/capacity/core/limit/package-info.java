/**
 * Host-level limits between runs: {@link io.github.capacity.core.limit.InstanceLimiter} (how many
 * runs at once, by file locks the kernel frees when a process dies) and {@link
 * io.github.capacity.core.limit.MinuteClaim} (one scheduling instance per minute).
 */
package io.github.capacity.core.limit;
