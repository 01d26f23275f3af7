package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NioPool#expire} as a pure function of {@code now}, as OkHttp tests its pool's {@code
 * cleanup(now)}: every deadline falls due exactly at its time, and the next one is returned.
 */
class NioPoolTest {
  private static final long KEEP_IDLE = 300;
  private final NioPool pool = new NioPool(2, KEEP_IDLE);
  private final Recording expiry = new Recording();

  @Test
  void anIdleConnectionIsClosedWhenItsKeepAliveRunsOut() {
    NioConnection connection = connection();
    pool.keepIdle(connection, 1_000);

    assertThat(pool.expire(1_299, expiry)).isEqualTo(1_300);
    assertThat(expiry.events).isEmpty();
    assertThat(pool.expire(1_300, expiry)).isEqualTo(Long.MAX_VALUE);
    assertThat(expiry.events).containsExactly("idle expired");
  }

  @Test
  void aPhaseTimeoutAndTheWholeCallTimeoutAreToldApart() {
    NioConnection reading = connection();
    reading.call = call();
    reading.deadline = 500; // read_timeout
    reading.call.deadline = 900; // timeout
    NioConnection slow = connection();
    slow.call = call();
    slow.deadline = 2_000;
    slow.call.deadline = 700;

    assertThat(pool.expire(499, expiry)).isEqualTo(500);
    assertThat(pool.expire(500, expiry)).isEqualTo(700);
    assertThat(pool.expire(700, expiry)).isEqualTo(Long.MAX_VALUE);
    assertThat(expiry.events).containsExactly("phase timed out", "call timed out");
  }

  @Test
  void aCallWaitingForAConnectionLongerThanItsSlotIsDropped() {
    NioCall early = call();
    NioCall late = call();
    pool.await(early, 1_000, 100);
    pool.await(late, 1_050, 100);
    pool.await(call(), 1_050, Long.MAX_VALUE); // no rate announced: waits as long as it takes

    assertThat(pool.expire(1_099, expiry)).isEqualTo(1_100);
    assertThat(pool.expire(1_100, expiry)).isEqualTo(1_150);
    assertThat(expiry.events).containsExactly("dropped");
    assertThat(pool.waiting).hasSize(2).doesNotContain(early);
  }

  private NioConnection connection() {
    NioConnection connection = new NioConnection(false);
    pool.connections.add(connection);
    return connection;
  }

  private static NioCall call() {
    return new NioCall(null, "shop.homepage", new byte[0], null, outcome -> {});
  }

  /** Records what expired, and forgets the connection as the exchange would by closing it. */
  private final class Recording implements NioPool.Expiry {
    final List<String> events = new ArrayList<>();

    @Override
    public void timedOut(NioConnection connection, NioCall call, boolean phase) {
      events.add(phase ? "phase timed out" : "call timed out");
      pool.remove(connection);
    }

    @Override
    public void idleExpired(NioConnection connection) {
      events.add("idle expired");
      pool.remove(connection);
    }

    @Override
    public void dropped(NioCall call) {
      events.add("dropped");
    }
  }
}
