package io.github.capacity.metrics;

import static io.github.capacity.metrics.Fixtures.EPOCH_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.MetricsSink.Health;
import io.github.capacity.api.testing.FakeTimeSource;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class DeliveryStateTest {
  private final FakeTimeSource time = FakeTimeSource.atSecond(0);
  private final DeliveryState state = new DeliveryState("graphite", "tcp://carbon:2003", time, 10_000_000_000L);

  private boolean failOnce() {
    state.attemptStarted();
    return state.failed(new ConnectException("Connection refused"), 7, 3);
  }

  @Test
  void isFailingSinceTheFirstFailedAttemptUntilADelivery() {
    time.advanceMillis(1_000);
    failOnce();
    time.advanceMillis(5_000);
    failOnce();
    assertThat(state.health(7)).isEqualTo(
        new Health(7, EPOCH_MILLIS + 1_000, "tcp://carbon:2003: ConnectException: Connection refused"));

    state.attemptStarted();
    state.delivered();
    assertThat(state.health(7).failing()).isFalse();
  }

  @Test
  void warnsAtMostOnceAMinuteWhileFailing() {
    assertThat(failOnce()).isTrue();
    time.advanceMillis(30_000);
    assertThat(failOnce()).isFalse();
    time.advanceMillis(29_999);
    assertThat(failOnce()).isFalse();
    time.advanceMillis(1);
    assertThat(failOnce()).isTrue();
  }

  @Test
  void backsOffExponentiallyUpToThirtySeconds() {
    assertThat(Backoff.delayNanos(1)).isEqualTo(100_000_000L);
    assertThat(Backoff.delayNanos(2)).isEqualTo(200_000_000L);
    assertThat(Backoff.delayNanos(5)).isEqualTo(1_600_000_000L);
    assertThat(Backoff.delayNanos(9)).isEqualTo(25_600_000_000L);
    assertThat(Backoff.delayNanos(10)).isEqualTo(30_000_000_000L);
    assertThat(Backoff.delayNanos(1_000)).isEqualTo(30_000_000_000L);

    failOnce();
    failOnce();
    assertThat(state.mayAttempt()).isFalse();
    time.advanceMillis(199);
    assertThat(state.mayAttempt()).isFalse();
    time.advanceMillis(1);
    assertThat(state.mayAttempt()).isTrue();
  }

  @Test
  void countsAWriteBlockedPastTheTimeoutAsFailingSinceItBegan() throws IOException {
    time.advanceMillis(2_000);
    state.attemptStarted();
    time.advanceMillis(10_000);
    assertThat(state.stalled()).isFalse();
    assertThat(state.health(0).failing()).isFalse();
    time.advanceMillis(1);
    assertThat(state.stalled()).isTrue();
    assertThat(state.health(0)).isEqualTo(
        new Health(0, EPOCH_MILLIS + 2_000, "tcp://carbon:2003: write blocked for longer than 10000 ms"));
  }
}
