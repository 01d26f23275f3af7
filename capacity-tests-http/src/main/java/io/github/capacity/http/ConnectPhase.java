package io.github.capacity.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

/**
 * Follows one call's connection: whether it is still connecting (TCP and TLS handshake) when it
 * fails, which tells {@code connect_timeout} from {@code timeout} without reading exception
 * messages, and whether the connection came from the pool. Travels with the request as a tag;
 * thread safe.
 */
final class ConnectPhase extends EventListener {
  /** Gives each call the phase its request carries, or none. */
  static final EventListener.Factory FACTORY = call -> {
    ConnectPhase phase = call.request().tag(ConnectPhase.class);
    return phase != null ? phase : EventListener.NONE;
  };

  private volatile boolean connecting;
  /** Whether a connect started since the last connection was acquired. */
  private volatile boolean connectStarted;
  private volatile boolean reused;

  /** Whether a connection was being set up and none was acquired yet. */
  boolean connecting() {
    return connecting;
  }

  /** Whether the connection of the current attempt came from the pool (it may have gone stale). */
  boolean reused() {
    return reused;
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    connecting = true;
    connectStarted = true;
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    connecting = false;
    reused = !connectStarted;
    connectStarted = false;
  }
}
