package io.github.capacity.sink;

import java.io.IOException;

/**
 * Where a sender's payloads go: a TCP connection, a UDP socket, a file. Connects lazily on the
 * first {@link #send} after a {@link #disconnect}, resolving the host name afresh each time.
 * {@link #send} is called by one sender thread; {@link #disconnect} may be called from any thread
 * and then makes a {@code send} blocked in a write fail at once.
 */
public interface Transport {

  /**
   * Delivers one whole payload, or throws, leaving the transport to reconnect on the next call.
   *
   * @param target where in the endpoint it goes: the file name for a file transport, {@code null}
   *     for sockets
   */
  void send(String target, byte[] payload) throws IOException;

  /** Drops the connection, if any. Idempotent, thread safe, never blocks for long. */
  void disconnect();

  /** The endpoint for logs and errors, such as {@code tcp://127.0.0.1:2003}. */
  String endpoint();
}
