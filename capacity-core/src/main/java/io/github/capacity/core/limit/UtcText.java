package io.github.capacity.core.limit;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times for the lock files, in ISO 8601 UTC to the second ({@code 2026-01-01T00:01:00Z}), built
 * without {@code java.time.format}: initialising its formatters cost every cron run tens of
 * milliseconds of start-up, for a text that only people read. Stateless.
 */
final class UtcText {
  private UtcText() {}

  static String of(long epochMillis) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1_000L), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(20).append(time.toLocalDate()).append('T');
    twoDigits(text, time.getHour()).append(':');
    twoDigits(text, time.getMinute()).append(':');
    return twoDigits(text, time.getSecond()).append('Z').toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
