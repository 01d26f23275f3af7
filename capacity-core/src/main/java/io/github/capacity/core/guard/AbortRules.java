package io.github.capacity.core.guard;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code abort} blocks of a set of test definitions, taken out of them: the plugins get their
 * definitions without the block, the engine gets the rules, and a bad block is an error of its
 * test (a test whose guardrail cannot be read must not run unguarded). Immutable.
 *
 * @param definitions every test, without its abort block, by name
 * @param rules the abort rule of each test that has a valid one, by test name
 * @param errors what is wrong with each bad abort block, by test name
 */
public record AbortRules(Map<String, Definition> definitions, Map<String, AbortRule> rules,
    Map<String, InvalidDefinitionException> errors) {

  public AbortRules {
    definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  /** Splits the abort blocks out of {@code tests}. */
  public static AbortRules of(Map<String, Definition> tests) {
    Map<String, Definition> definitions = new LinkedHashMap<>();
    Map<String, AbortRule> rules = new LinkedHashMap<>();
    Map<String, InvalidDefinitionException> errors = new LinkedHashMap<>();
    tests.forEach((name, test) -> {
      definitions.put(name, AbortRule.withoutAbort(test));
      try {
        AbortRule rule = AbortRule.of(test);
        if (rule != null) {
          rules.put(name, rule);
        }
      } catch (InvalidDefinitionException e) {
        errors.put(name, e);
      }
    });
    return new AbortRules(definitions, rules, errors);
  }
}
