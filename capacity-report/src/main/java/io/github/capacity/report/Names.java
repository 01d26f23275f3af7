package io.github.capacity.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small integer ids for hosts or error classes, so that a bucket counts them in an array. At most
 * {@code limit} names get their own id; the rest share the last one, named {@code overflowName},
 * which keeps a file full of made-up names from growing every bucket without bound. Not thread
 * safe.
 */
final class Names {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final int limit;
  private final String overflowName;

  Names(int limit, String overflowName) {
    this.limit = limit;
    this.overflowName = overflowName;
  }

  int id(String name) {
    Integer id = ids.get(name);
    if (id != null) {
      return id;
    }
    if (names.size() == limit - 1) {
      names.add(overflowName);
    }
    if (names.size() >= limit) {
      return limit - 1; // not remembered: the map stays bounded too
    }
    ids.put(name, names.size());
    names.add(name);
    return names.size() - 1;
  }

  String name(int id) {
    return names.get(id);
  }

  int size() {
    return names.size();
  }
}
