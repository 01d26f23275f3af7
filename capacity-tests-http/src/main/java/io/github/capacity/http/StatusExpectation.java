package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The response statuses that count as success: codes ({@code 304}) and classes ({@code "2xx"}),
 * from {@code expect.status}. Without it, any 2xx or 3xx succeeds. Immutable.
 */
final class StatusExpectation {
  static final StatusExpectation DEFAULT = new StatusExpectation(classes(2, 3), "2xx or 3xx");

  private final BitSet accepted;
  private final String description;

  private StatusExpectation(BitSet accepted, String description) {
    this.accepted = accepted;
    this.description = description;
  }

  /** Reads {@code status} of the {@code expect} section. */
  static StatusExpectation read(Definition expect) throws InvalidDefinitionException {
    if (!expect.has("status")) {
      return DEFAULT;
    }
    List<Object> items = expect.list("status");
    if (items.isEmpty()) {
      throw expect.error("status",
          "is empty, expected status codes such as 200 or classes such as \"2xx\"");
    }
    BitSet accepted = new BitSet(600);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String text = item instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
      if (item instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && n.intValue() >= 100 && n.intValue() <= 599) {
        accepted.set(n.intValue());
        words.add(String.valueOf(n.intValue()));
      } else if (text != null && text.matches("[1-5]xx")) {
        accepted.or(classes(text.charAt(0) - '0'));
        words.add(text);
      } else if (text != null && text.matches("[1-5]\\d\\d")) {
        accepted.set(Integer.parseInt(text));
        words.add(text);
      } else {
        String key = items.size() == 1 && !(expect.settings().get("status") instanceof List)
            ? "status" : "status[" + i + "]";
        throw expect.error(key, "is " + Definition.describe(item)
            + ", expected a status code from 100 to 599 or a class such as \"2xx\"");
      }
    }
    return new StatusExpectation(accepted, String.join(", ", words));
  }

  boolean matches(int status) {
    return status >= 0 && accepted.get(status);
  }

  /** The accepted statuses as written, for messages: {@code "2xx, 304"}. */
  String description() {
    return description;
  }

  private static BitSet classes(int... hundreds) {
    BitSet set = new BitSet(600);
    for (int hundred : hundreds) {
      set.set(hundred * 100, hundred * 100 + 100);
    }
    return set;
  }
}
