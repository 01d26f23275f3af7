package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The OkHttp path's wait for a connection, as a pure function of the times it is given. */
class CallGateTest {
  private final CallGate<String> gate = new CallGate<>(1);

  @Test
  void theOthersWaitInOrderEachNoLongerThanItsSlot() {
    gate.slot(100);
    assertThat(gate.enter("a", 0)).isTrue();
    assertThat(gate.enter("b", 0)).isFalse();
    assertThat(gate.enter("c", 50)).isFalse();

    assertThat(gate.expire(99)).isEmpty();
    assertThat(gate.expire(100)).containsExactly("b");
    assertThat(gate.leave("a")).as("runs in a's place").isEqualTo("c");
    assertThat(gate.leave("c")).isNull();
    assertThat(gate.enter("d", 200)).isTrue();
  }

  @Test
  void withoutARateACallWaitsAsLongAsItTakes() {
    assertThat(gate.enter("a", 0)).isTrue();
    assertThat(gate.enter("b", 0)).isFalse();
    assertThat(gate.expire(Long.MAX_VALUE - 1)).isEmpty();
    assertThat(gate.leave("a")).isEqualTo("b");
  }

  @Test
  void aCallCancelledWhileWaitingFreesNoRunningPlace() {
    assertThat(gate.enter("a", 0)).isTrue();
    assertThat(gate.enter("b", 0)).isFalse();
    assertThat(gate.leave("b")).isNull();
    assertThat(gate.enter("c", 0)).as("a still runs").isFalse();
  }
}
