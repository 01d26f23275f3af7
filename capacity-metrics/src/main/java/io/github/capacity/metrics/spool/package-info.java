/**
 * The disk spool of the destinations that can replay: what they could not deliver, kept in
 * locked, checksummed segment files and sent again at a bounded pace.
 */
package io.github.capacity.metrics.spool;
