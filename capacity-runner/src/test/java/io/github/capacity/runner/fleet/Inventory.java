package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Ansible inventory folder, written as JSON (which Ansible reads as YAML): the hosts of the
 * group {@code capacity_fleet}, the group's variables and each host's own. Rewritten whole by
 * {@link #write}, as an operator edits theirs.
 */
final class Inventory {
  static final String GROUP = "capacity_fleet";

  private final Path dir;

  Inventory(Path dir) {
    this.dir = dir;
  }

  Path hostsFile() {
    return dir.resolve("hosts.json");
  }

  void write(List<SimulatedHost> hosts, Map<String, Object> groupVars, Map<String, Map<String, Object>> hostVars)
      throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    for (SimulatedHost host : hosts) {
      members.put(host.name(), Map.of("capacity_root", host.root().toString()));
    }
    Files.createDirectories(dir.resolve("group_vars"));
    Files.createDirectories(dir.resolve("host_vars"));
    Files.writeString(hostsFile(), json(Map.of("all", Map.of("children", Map.of(GROUP, Map.of("hosts", members))))));
    Files.writeString(dir.resolve("group_vars/" + GROUP + ".json"), json(groupVars));
    for (SimulatedHost host : hosts) {
      Path file = dir.resolve("host_vars/" + host.name() + ".json");
      Files.writeString(file, json(hostVars.getOrDefault(host.name(), Map.of())));
    }
  }

  /** Maps, lists, strings, numbers and booleans as JSON text. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<?, ?> entry = it.next();
        append(out, String.valueOf(entry.getKey()));
        out.append(": ");
        append(out, entry.getValue());
        out.append(it.hasNext() ? ", " : "");
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        append(out, list.get(i));
        out.append(i + 1 < list.size() ? ", " : "");
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append('"');
      for (char c : String.valueOf(value).toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
      out.append('"');
    }
  }
}
