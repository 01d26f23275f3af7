package io.github.capacity.core.config;

import io.github.capacity.core.pacing.Fleet;
import io.github.capacity.core.pacing.Ramp;
import io.github.capacity.core.pacing.Rate;
import io.github.capacity.core.pacing.Shape;
import io.github.capacity.core.pacing.Steps;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rate column ({@code test_frequency}) of a configuration line: {@code 60}, {@code
 * fleet:6000}, {@code ramp(FROM,TO,DURATION)@START}, {@code steps(RATE/DURATION,...)@START}, and
 * the shapes with the {@code fleet:} prefix. Each mistake gets its own message saying what was
 * expected. Stateless.
 */
final class RateSyntax {
  static final String RAMP_FORM = "ramp(FROM,TO,DURATION)@START such as ramp(600,6000,30m)@2026-12-03T10:00:00Z";
  static final String STEPS_FORM = "steps(RATE/DURATION,...)@START such as steps(600/5m,1200/5m)@2026-12-03T10:00:00Z";
  private static final String PLAIN_EXPECTED =
      "expected executions per minute such as 60, from 1 to " + TestLine.MAX_FREQUENCY;
  private static final String FORMS = "expected executions per minute such as 60, fleet:6000, "
      + "ramp(600,6000,30m)@2026-12-03T10:00:00Z or steps(600/5m,1200/5m)@2026-12-03T10:00:00Z";
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");

  /** A refused rate; its message is the whole problem, from {@code test_frequency} on. */
  static final class BadRate extends Exception {
    BadRate(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private final boolean fleetWide;
  private final int max;

  private RateSyntax(String text, boolean fleetWide) {
    this.text = text;
    this.fleetWide = fleetWide;
    this.max = fleetWide ? TestLine.MAX_FLEET_FREQUENCY : TestLine.MAX_FREQUENCY;
  }

  /**
   * The rate {@code text} stands for.
   *
   * @param fleet this host's place, or {@code null} when the settings give none: a fleet-wide
   *     rate is then refused, since each host would run the whole total
   */
  static Rate parse(String text, Fleet fleet) throws BadRate {
    if (text.isEmpty()) {
      throw new BadRate("test_frequency is empty, " + PLAIN_EXPECTED);
    }
    boolean fleetWide = text.startsWith(Rate.FLEET_PREFIX);
    String body = fleetWide ? LineParser.trim(text.substring(Rate.FLEET_PREFIX.length())) : text;
    RateSyntax syntax = new RateSyntax(text, fleetWide);
    Shape shape = body.startsWith("ramp(") ? syntax.ramp(body)
        : body.startsWith("steps(") ? syntax.steps(body)
        : new Shape.Constant(syntax.plain(body));
    Rate rate = new Rate(shape, fleetWide);
    if (fleetWide && fleet == null) {
      throw syntax.bad("is a fleet-wide rate but fleet.size and fleet.index are not set in the"
          + " settings", "them (written by configuration management) or a per-host rate such as 60");
    }
    if (fleetWide && rate.hostPeakPerMinute(fleet) > TestLine.MAX_FREQUENCY) {
      throw syntax.bad("gives this host up to " + rate.hostPeakPerMinute(fleet) + " a minute ("
          + fleet.place() + "), above the limit of " + TestLine.MAX_FREQUENCY,
          "a smaller total or a larger fleet");
    }
    return rate;
  }

  /** The seed's plain per-host integer, with the seed's messages word for word. */
  private int plain(String body) throws BadRate {
    if (fleetWide) {
      if (body.isEmpty()) {
        throw bad("has no rate after " + Rate.FLEET_PREFIX, "the fleet's total such as fleet:6000");
      }
      return number(body, "total", 1);
    }
    if (!body.matches("[+-]?[0-9]+")) {
      throw new BadRate("test_frequency " + TextLines.quote(text) + (body.matches(".*[(:@].*")
          ? " is not a rate, " + FORMS : " is not a number, expected executions per minute such as 60"));
    }
    BigInteger value = new BigInteger(body);
    if (value.signum() == 0) {
      throw new BadRate("test_frequency is 0, expected 1 to " + max
          + " executions per minute; to stop the test, remove the line");
    }
    if (value.signum() < 0) {
      throw new BadRate("test_frequency " + value + " is negative, " + PLAIN_EXPECTED);
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new BadRate("test_frequency " + value + " is above the limit of " + max
          + " executions per minute, " + PLAIN_EXPECTED);
    }
    return value.intValueExact();
  }

  /** A rate inside a fleet total or a shape, named {@code what} in messages ({@code FROM}). */
  private int number(String value, String what, int min) throws BadRate {
    String expected = "executions per minute from " + min + " to " + max;
    if (!value.matches("[0-9]+")) {
      throw bad("has " + what + " " + TextLines.quote(value) + ", which is not a whole number", expected);
    }
    BigInteger number = new BigInteger(value);
    if (number.compareTo(BigInteger.valueOf(min)) < 0) {
      throw bad("has " + what + " " + number, expected + "; to stop the test, remove the line");
    }
    if (number.compareTo(BigInteger.valueOf(max)) > 0) {
      throw bad("has " + what + " " + number + ", above the limit", expected);
    }
    return number.intValueExact();
  }

  private Ramp ramp(String body) throws BadRate {
    List<String> values = arguments(body, "ramp", RAMP_FORM);
    if (values.size() != 3) {
      throw bad("has " + values.size() + (values.size() == 1 ? " value" : " values") + " in ramp(...)",
          "3: " + RAMP_FORM);
    }
    int from = number(values.get(0), "FROM", 0);
    int to = number(values.get(1), "TO", 0);
    Duration duration = duration(values.get(2), "DURATION ");
    if (from == 0 && to == 0) {
      throw bad("goes from 0 to 0", "a ramp that reaches a rate above 0");
    }
    return new Ramp(from, to, duration, start(body, RAMP_FORM));
  }

  private Steps steps(String body) throws BadRate {
    List<Steps.Step> steps = new ArrayList<>();
    Duration length = Duration.ZERO;
    for (String step : arguments(body, "steps", STEPS_FORM)) {
      int slash = step.indexOf('/');
      if (slash < 0) {
        throw bad("has step " + TextLines.quote(step) + ", which is not RATE/DURATION", STEPS_FORM);
      }
      int rate = number(LineParser.trim(step.substring(0, slash)), "RATE", 0);
      Duration duration = duration(LineParser.trim(step.substring(slash + 1)), "DURATION ");
      length = length.plus(duration);
      steps.add(new Steps.Step(rate, duration));
    }
    if (steps.size() > Steps.MAX_STEPS) {
      throw bad("has " + steps.size() + " steps", "at most " + Steps.MAX_STEPS);
    }
    if (steps.stream().allMatch(step -> step.perMinute() == 0)) {
      throw bad("has every step at rate 0", "a step with a rate above 0");
    }
    if (length.compareTo(Shape.Anchored.MAX_LENGTH) > 0) {
      throw bad("lasts " + Shape.text(length) + " in all", "at most " + Shape.text(Shape.Anchored.MAX_LENGTH));
    }
    return new Steps(steps, start(body, STEPS_FORM));
  }

  /** The comma-separated values between {@code name(} and the closing parenthesis. */
  private List<String> arguments(String body, String name, String form) throws BadRate {
    int close = body.lastIndexOf(')');
    if (close < 0) {
      throw bad("has no ')' closing " + name + "(", form);
    }
    List<String> values = new ArrayList<>();
    for (String value : body.substring(name.length() + 1, close).split(",", -1)) {
      values.add(LineParser.trim(value));
    }
    if (values.contains("")) {
      throw bad("has an empty value in " + name + "(...)", form);
    }
    return values;
  }

  private Duration duration(String value, String what) throws BadRate {
    Matcher m = DURATION.matcher(value);
    String expected = "a duration in whole seconds, minutes or hours such as 90s, 10m or 2h";
    if (value.isEmpty() || !m.matches()) {
      throw bad("has " + what + TextLines.quote(value), expected);
    }
    Duration duration = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
        .plusSeconds(number(m.group(3)));
    if (duration.isZero()) {
      throw bad("has " + what + value, "a duration of at least 1s");
    }
    if (duration.compareTo(Shape.Anchored.MAX_LENGTH) > 0) {
      throw bad("has " + what + value, "at most " + Shape.text(Shape.Anchored.MAX_LENGTH));
    }
    return duration;
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private Instant start(String body, String form) throws BadRate {
    String after = LineParser.trim(body.substring(body.lastIndexOf(')') + 1));
    if (after.isEmpty()) {
      throw bad("has no start", "@START after the ')': " + form);
    }
    if (!after.startsWith("@")) {
      throw bad("has " + TextLines.quote(after) + " after the ')'", "@START: " + form);
    }
    String instant = LineParser.trim(after.substring(1));
    String expected = "an ISO-8601 instant with its offset, in UTC such as 2026-12-03T10:00:00Z";
    OffsetDateTime start;
    try {
      start = OffsetDateTime.parse(instant);
    } catch (DateTimeParseException e) {
      throw bad("has START " + TextLines.quote(instant), expected);
    }
    // Years a person writes; far ones would overflow the millisecond arithmetic of the rate.
    if (start.getYear() < 1970 || start.getYear() > 9999) {
      throw bad("has START " + TextLines.quote(instant), expected + ", from 1970 to 9999");
    }
    return start.toInstant();
  }

  private BadRate bad(String what, String expected) {
    return new BadRate("test_frequency " + TextLines.quote(text) + " " + what + ", expected " + expected);
  }
}
