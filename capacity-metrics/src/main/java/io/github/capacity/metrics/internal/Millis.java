package io.github.capacity.metrics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats durations as milliseconds for the wire: at most three decimals, no exponent. Stateless. */
public final class Millis {
  private Millis() {}

  /** Nanoseconds as milliseconds rounded to the microsecond, as a double. */
  public static double ofNanos(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /** A number as the plaintext wire shows it: {@code 12}, {@code 12.5}, {@code 0.001}. */
  public static String text(double value) {
    BigDecimal decimal = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }
}
