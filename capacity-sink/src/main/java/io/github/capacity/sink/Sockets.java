package io.github.capacity.sink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;

/** What the socket transports share: resolving the endpoint anew, closing without a fuss. */
final class Sockets {
  private Sockets() {}

  /** Resolves {@code host} now (a new address every time: fresh DNS on every reconnect). */
  static InetSocketAddress resolve(String host, int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IOException("cannot resolve " + host);
    }
    return address;
  }

  /** Closes {@code channel} if there is one; a failure to close leaves it gone all the same. */
  static void closeQuietly(Channel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to do: the connection is gone either way.
      }
    }
  }
}
