package io.github.capacity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void errorClassesAreStableWordsThatFitInMetricNames() {
    assertThat(ErrorClass.of("connect_refused")).isEqualTo(ErrorClass.CONNECT_REFUSED);
    assertThat(ErrorClass.of("my_plugin_error2").word()).isEqualTo("my_plugin_error2");
    assertThat(ErrorClass.TIMEOUT).hasToString("timeout");
    for (String bad : new String[] {"", "Timeout", "2xx", "a.b", "a b", "x".repeat(41)}) {
      assertThatThrownBy(() -> ErrorClass.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("error class must be 1 to 40 of a-z, 0-9 and _, starting with a letter");
    }
  }

  @Test
  void anOkOutcomeHasNoErrorClassAndAFailedOneNeedsOne() {
    assertThat(Outcome.ok(200, 12).ok()).isTrue();
    assertThat(Outcome.failed(ErrorClass.HTTP_STATUS, 503, 0, "503").status()).isEqualTo(503);
    assertThatThrownBy(() -> new Outcome(true, ErrorClass.IO, 200, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an ok outcome has no error class: io");
    assertThatThrownBy(() -> new Outcome(false, null, 200, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a failed outcome needs an error class");
    assertThatThrownBy(() -> Outcome.ok(200, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bytes < 0: -1");
  }

  @Test
  void droppedAndCancelledAreTheirOwnClasses() {
    assertThat(Outcome.dropped().isDropped()).isTrue();
    assertThat(Outcome.dropped().status()).isEqualTo(Outcome.NO_STATUS);
    assertThat(Outcome.cancelled().isDropped()).isFalse();
    assertThat(Outcome.cancelled().errorClass()).isEqualTo(ErrorClass.CANCELLED);
  }
}
