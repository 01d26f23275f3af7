package io.github.capacity.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Connects a {@link NioClient}'s new connections: resolves the host on a second thread, {@code
 * capacity-http-<test>-dns}, started on first need (an address literal needs none), so a slow
 * resolver never stalls the loop; connects without blocking, trying the host's addresses in turn
 * as OkHttp tries its routes. Runs under the loop's lock, except the lookup itself.
 */
final class NioConnector {
  /** Where a connection goes once connected, or when it cannot be. */
  interface Events {
    void connected(NioConnection connection) throws IOException;

    void failed(NioConnection connection, IOException e);
  }

  private final HttpSpec spec;
  private final NioLoop loop;
  private final Events events;
  private ExecutorService resolver;

  NioConnector(HttpSpec spec, NioLoop loop, Events events) {
    this.spec = spec;
    this.loop = loop;
    this.events = events;
  }

  /** Resolves the host of {@code connection} (off the loop unless it is an address) and connects. */
  void start(NioConnection connection) {
    String host = spec.url().host();
    if (isAddressLiteral(host)) {
      try {
        connection.addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        events.failed(connection, e);
        return;
      }
      connect(connection);
      return;
    }
    try {
      resolver().execute(() -> resolve(connection, host));
    } catch (RejectedExecutionException e) {
      events.failed(connection, new IOException("closed"));
    }
  }

  /** The channel of {@code connection} became connectable. */
  void finishConnect(NioConnection connection) {
    try {
      if (connection.channel.finishConnect()) {
        events.connected(connection);
      }
    } catch (IOException e) {
      connectFailed(connection, e);
    }
  }

  void shutDown() {
    if (resolver != null) {
      resolver.shutdownNow();
    }
  }

  private void resolve(NioConnection connection, String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      loop.fromOutside(() -> {
        if (!connection.closed) {
          connection.addresses = addresses;
          connect(connection);
        }
      });
    } catch (UnknownHostException e) {
      loop.fromOutside(() -> {
        if (!connection.closed) {
          events.failed(connection, e);
        }
      });
    }
  }

  private ExecutorService resolver() {
    if (resolver == null) {
      resolver = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "capacity-http-" + spec.name() + "-dns");
        thread.setDaemon(true);
        return thread;
      });
    }
    return resolver;
  }

  private void connect(NioConnection connection) {
    try {
      SocketChannel channel = SocketChannel.open();
      connection.channel = channel;
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      connection.key = channel.register(loop.selector(), 0, connection);
      loop.changed();
      InetAddress address = connection.addresses[connection.addressIndex];
      if (channel.connect(new InetSocketAddress(address, spec.url().port()))) {
        events.connected(connection);
      } else {
        connection.key.interestOps(SelectionKey.OP_CONNECT);
      }
    } catch (IOException e) {
      connectFailed(connection, e);
    }
  }

  /** Tries the host's next address, as OkHttp tries its routes, or fails the call. */
  private void connectFailed(NioConnection connection, IOException e) {
    if (e instanceof ConnectException && connection.addressIndex + 1 < connection.addresses.length) {
      connection.closeChannel();
      connection.addressIndex++;
      connect(connection);
    } else {
      events.failed(connection, e);
    }
  }

  /** An IPv4 or IPv6 literal, which resolves without a lookup. */
  private static boolean isAddressLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
