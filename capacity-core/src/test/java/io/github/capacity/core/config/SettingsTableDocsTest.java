package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the keys table of docs/configuration.md and {@link SettingsTable} the same, row by row. */
class SettingsTableDocsTest {
  @Test
  void theDocumentedKeysAreTheTableOfKeys() throws Exception {
    List<String> documented = keysTableRows(Files.readAllLines(Path.of("..", "docs", "configuration.md")));

    List<String> declared = new ArrayList<>();
    for (Setting<?> setting : SettingsTable.ALL) {
      declared.add("| `" + setting.key() + "` | " + setting.documentedDefault() + " | "
          + setting.accepted() + " |");
    }

    assertThat(documented).containsExactlyElementsOf(declared);
  }

  @Test
  void everyDeclaredDefaultIsAValueItsOwnReaderAccepts() {
    Path installDir = Path.of("/opt/capacity");
    for (Setting<?> setting : SettingsTable.ALL) {
      Object value = setting.defaultValue(installDir);
      if (value == null) {
        continue; // "empty" means unset, e.g. host
      }
      String text = value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
          : value instanceof java.time.Duration duration ? duration.toMillis() + "ms"
          : value instanceof io.github.capacity.core.pacing.CatchUp mode ? mode.word()
          : value.toString();
      Setting.Parsed<?> parsed = setting.read(text, Path.of("/"));
      assertThat(parsed.problem()).as(setting.key()).isNull();
      assertThat(parsed.value()).as(setting.key()).isEqualTo(value);
    }
  }

  /** The rows of the table under "### Keys", without its header. */
  private static List<String> keysTableRows(List<String> lines) {
    List<String> rows = new ArrayList<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("#")) {
        inSection = line.equals("### Keys");
        continue;
      }
      if (inSection && line.startsWith("| `")) {
        rows.add(line);
      }
    }
    return rows;
  }
}
