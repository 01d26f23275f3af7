package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.MinuteAccount;
import io.github.capacity.api.Outcome;
import org.junit.jupiter.api.Test;

class MinuteCountersTest {
  /** An execution the test type could not send (the http type's wait for a connection ran out). */
  @Test
  void anExecutionTheTestTypeReportsDroppedCountsAsDroppedNotFailed() {
    MinuteCounters counters = new MinuteCounters("shop.homepage", 0, 60_000_000_000L);
    counters.started.add(3);
    counters.completed(Outcome.ok(200, 2));
    counters.completed(Outcome.failed(ErrorClass.TIMEOUT, "read timed out"));
    counters.completed(Outcome.failed(ErrorClass.DROPPED, "waited for a free connection"));

    MinuteAccount account = counters.account("host");
    assertThat(account.started()).isEqualTo(2);
    assertThat(account.dropped()).isEqualTo(1);
    assertThat(account.planned()).isEqualTo(3);
    assertThat(account.started()).isEqualTo(account.ok() + account.failed() + account.cancelled());
  }
}
