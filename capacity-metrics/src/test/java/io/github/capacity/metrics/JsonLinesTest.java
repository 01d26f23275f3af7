package io.github.capacity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import io.github.capacity.api.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final String TRICKY = "a\"b\\c/d\b\t\n\f\r\u0000\u0001\u001f\u007f é \u2028 😀 \ud800 end";

  @Test
  void executionLineIsJacksonsLineForTrickyValues() {
    List<Result> results = new ArrayList<>();
    results.add(Fixtures.result("shop.home", 0, 300, 1_700, Outcome.ok(200, 512)));
    results.add(Fixtures.result("shop.home", 1_000, 0, 0, Outcome.dropped()));
    results.add(Fixtures.result("shop.home", 2_000, 5, 10_000_000, Outcome.cancelled()));
    results.add(Fixtures.result("x", 3_000, 1, 1, Outcome.failed(ErrorClass.HTTP_STATUS, 503, 0, TRICKY)));
    results.add(Fixtures.result("x", 4_000, 1, 1, Outcome.failed(ErrorClass.TIMEOUT, "")));
    results.add(new Result(TRICKY, TRICKY, TRICKY, -5_000_000L, -4_999_999L, Long.MAX_VALUE / 2,
        Outcome.ok(204, Long.MAX_VALUE)));
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      long planned = Fixtures.EPOCH_MILLIS * 1_000_000L + random.nextLong(1L << 40);
      long start = planned + random.nextInt(5_000_000);
      long end = start + random.nextLong(20_000_000_000L);
      StringBuilder detail = new StringBuilder();
      for (int k = random.nextInt(8); k > 0; k--) {
        detail.append((char) random.nextInt(0x90));
      }
      Outcome outcome = random.nextBoolean() ? Outcome.ok(200 + random.nextInt(100), random.nextInt(1 << 20))
          : Outcome.failed(ErrorClass.RESET, Outcome.NO_STATUS, random.nextInt(100), detail.toString());
      results.add(new Result("t" + i, "homepage", "web1", planned, start, end, outcome));
    }

    for (Result result : results) {
      assertThat(JsonLines.executionLine(result)).isEqualTo(JsonLines.line(JsonLines.execution(result)));
    }
  }

  @Test
  void controlCharactersUseShortOrUppercaseHexEscapes() {
    Result result = Fixtures.result("t", 0, 0, 0, Outcome.failed(ErrorClass.RESET, "\n\u001b"));

    assertThat(JsonLines.executionLine(result)).contains("\"detail\":\"\\n\\u001B\"").doesNotContain("\n");
  }
}
