package io.github.capacity.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartBudgetTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void onTimeStartsAreNeverHeldBack() {
    StartBudget budget = new StartBudget(120_000, MINUTE, 1.2, 0);
    for (long t = 0; t < 1_000_000_000L; t += 500_000L) {
      assertThat(budget.tryStart(t)).as("start at %d ns", t).isTrue();
    }
  }

  @Test
  void catchUpSlotsAtExactlyTheFactorAreNeverHeldBack() {
    StartBudget budget = new StartBudget(120_000, MINUTE, 1.2, 0);
    double spacing = MINUTE / 120_000.0 / 1.2;
    for (int k = 0; k < 10_000; k++) {
      assertThat(budget.tryStart((long) Math.ceil(k * spacing))).as("slot %d", k).isTrue();
    }
  }

  @Test
  void aBacklogGoesOutAtTheFactorAfterABurstOfOneMillisecond() {
    StartBudget budget = new StartBudget(120_000, MINUTE, 2, 0); // 4 starts per ms at most
    long now = 50_000_000L; // back after a stall, with a hundred due
    int started = 0;
    while (budget.tryStart(now)) {
      started++;
    }
    assertThat(started).isEqualTo(4);
    assertThat(budget.nextStartNanos()).isCloseTo(now + 250_000L, org.assertj.core.data.Offset.offset(1_000L));
    assertThat(budget.tryStart(now + 240_000L)).isFalse();
    assertThat(budget.tryStart(now + 250_000L)).isTrue();
  }

  @Test
  void aLowRateAllowsOneStartAtATime() {
    StartBudget budget = new StartBudget(1, MINUTE, 2, 0);
    assertThat(budget.tryStart(0)).isTrue();
    assertThat(budget.tryStart(10_000_000_000L)).isFalse();
    assertThat(budget.nextStartNanos()).isCloseTo(30_000_000_000L, org.assertj.core.data.Offset.offset(1_000_000L));
  }
}
