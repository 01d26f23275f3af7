/**
 * Never-blocking delivery for metrics destinations, the base every built-in destination is
 * written on and a supported API for plugin authors. A destination's {@link
 * io.github.capacity.api.MetricsSink} is a {@link io.github.capacity.sink.BufferedSink}: a bounded
 * buffer that callers never wait on (a full buffer drops and counts), and one sender thread that
 * passes events through the destination's {@link io.github.capacity.sink.Pipeline} (the encoding:
 * aggregate, format, pack) and delivers the payloads over a {@link
 * io.github.capacity.sink.Transport} ({@link io.github.capacity.sink.TcpTransport}, {@link
 * io.github.capacity.sink.UdpTransport}, or one of your own) with exponential back-off, keeping
 * {@code health()} accurate and keeping the deadlines of {@code flush} and {@code close}.
 *
 * <p>Compatibility: as {@code capacity-api}, this package only grows within a major version.
 */
package io.github.capacity.sink;
