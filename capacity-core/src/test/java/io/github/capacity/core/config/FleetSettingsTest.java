package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.capacity.core.pacing.Fleet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fleet.size} and {@code fleet.index}: this host's place, from configuration management. */
class FleetSettingsTest {
  private static Settings parse(String text) throws ConfigException {
    return SettingsParser.parse("capacity.properties", text, Path.of("/etc/capacity"), Path.of("/opt/capacity"));
  }

  private static String error(String text) {
    return catchThrowableOfType(ConfigException.class, () -> parse(text)).getMessage();
  }

  @Test
  void bothKeysGiveThePlaceAndNeitherGivesNone() throws Exception {
    assertThat(parse("fleet.size = 5\nfleet.index = 0\n").fleet()).isEqualTo(new Fleet(5, 0));
    assertThat(parse("fleet.size = 1\nfleet.index = 0\n").fleet()).isEqualTo(Fleet.ALONE);
    assertThat(parse("max_in_flight = 8\n").fleet()).isNull();
    assertThat(parse("fleet.size =\nfleet.index =\n").fleet()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "fleet.size = 5 => capacity.properties:1: fleet.size is set without fleet.index, expected both"
          + " (this host's place in the fleet) or neither",
      "fleet.index = 2 => capacity.properties:1: fleet.index is set without fleet.size, expected both"
          + " (this host's place in the fleet) or neither",
      "fleet.size = 5\\nfleet.index = 5 => capacity.properties:2: fleet.index 5 is not below fleet.size 5,"
          + " expected 0 to 4 (counting from 0)",
      "fleet.size = 0\\nfleet.index = 0 => capacity.properties:1: fleet.size 0 is out of range, expected a"
          + " whole number from 1 to 100000",
      "fleet.size = 5\\nfleet.index = first => capacity.properties:2: fleet.index \"first\" is not a whole"
          + " number, expected a whole number from 0 to 99999",
  })
  void aPlaceThatCannotBeRightIsRefusedAtItsLine(String text, String message) {
    assertThat(error(text.replace("\\n", "\n"))).isEqualTo(message);
  }
}
