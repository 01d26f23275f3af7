package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code headers} section: names checked, {@code ${env:NAME}} replaced from the
 * environment, and every value that could be a credential remembered as a secret. Messages name
 * the header and the variable, never a value.
 */
final class HeaderReader {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(auth|cookie|token|secret|password|passwd|key|session|credential).*");
  private static final Set<String> SET_BY_TYPE = Set.of("user-agent", "x-capacity-test");
  private static final Set<String> SET_BY_CLIENT = Set.of("content-length", "transfer-encoding",
      "connection", "keep-alive", "upgrade", "te");

  private final Function<String, String> environment;

  HeaderReader(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The headers, adding each secret value (whole, and each variable read) to {@code secrets}. */
  HttpHeaders read(Definition headers, List<String> secrets) throws InvalidDefinitionException {
    HttpHeaders read = HttpHeaders.NONE;
    for (Map.Entry<String, Object> entry : headers.settings().entrySet()) {
      String name = entry.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!TOKEN.matcher(name).matches()) {
        throw headers.error(name,
            "is not a valid header name, expected letters, digits and - such as X-Request-Source");
      }
      if (SET_BY_TYPE.contains(lower)) {
        throw headers.error(name,
            "is set by the http test type on every request, expected it to be left out");
      }
      if (lower.equals("content-type")) {
        throw headers.error(name, "is set from content_type, expected content_type instead");
      }
      if (SET_BY_CLIENT.contains(lower)) {
        throw headers.error(name, "is managed by the HTTP client, expected it to be left out");
      }
      if (!(entry.getValue() instanceof String raw)) {
        // The value is not repeated: a number can be a PIN or an account key as well as a string.
        throw headers.error(name, "is not a string (" + kind(entry.getValue())
            + "), expected the value in quotes");
      }
      String value = resolve(headers, name, raw, secrets);
      if (!value.equals(raw) || SECRET_NAME.matcher(lower).matches()) {
        secrets.add(value);
      }
      checkValue(headers, name, value);
      read = read.plus(name, value);
    }
    return read;
  }

  private String resolve(Definition headers, String name, String raw, List<String> secrets)
      throws InvalidDefinitionException {
    Matcher m = ENV.matcher(raw);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String literal = raw.substring(last, m.start());
      checkNoPlaceholder(headers, name, literal);
      String variable = m.group(1);
      String value = environment.apply(variable);
      if (value == null || value.isEmpty()) {
        throw headers.error(name, "environment variable \"" + variable
            + "\" is not set, expected it to hold the header value");
      }
      secrets.add(value);
      out.append(literal).append(value);
      last = m.end();
    }
    String rest = raw.substring(last);
    checkNoPlaceholder(headers, name, rest);
    return out.append(rest).toString();
  }

  private static void checkNoPlaceholder(Definition headers, String name, String literal)
      throws InvalidDefinitionException {
    if (literal.contains("${")) {
      throw headers.error(name, "has an unsupported ${...} placeholder,"
          + " expected ${env:NAME} with NAME an environment variable");
    }
  }

  private static void checkValue(Definition headers, String name, String value)
      throws InvalidDefinitionException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw headers.error(name, "value has a control or non-ASCII character at index " + i
            + ", expected printable ASCII");
      }
    }
  }

  private static String kind(Object value) {
    return value instanceof Number ? "a number"
        : value instanceof Boolean ? "true or false"
        : value instanceof List ? "a list"
        : value instanceof Map ? "an object"
        : "null";
  }
}
