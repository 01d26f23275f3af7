package io.github.capacity.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.core.config.TestLine;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineChangesTest {
  private static TestLine line(String name, int frequency) {
    return new TestLine("a.conf", 1, name, "home", frequency, "file");
  }

  @Test
  void nothingChangesWhenTheSameLinesAreWanted() {
    List<TestLine> lines = List.of(line("shop", 60), line("cart", 10));

    LineChanges changes = LineChanges.between(lines, lines, Set.of());

    assertThat(changes).isEqualTo(new LineChanges(List.of(), List.of(), List.of()));
  }

  @Test
  void aLineGoneIsRemovedANewOneStartedAnotherChanged() {
    LineChanges changes = LineChanges.between(
        List.of(line("shop", 60), line("cart", 10)),
        List.of(line("cart", 20), line("search", 5)),
        Set.of());

    assertThat(changes.removed()).containsExactly(line("shop", 60));
    assertThat(changes.started()).containsExactly(line("search", 5));
    assertThat(changes.changed()).containsExactly(line("cart", 20));
  }

  @Test
  void theFirstLineOfANameWins() {
    LineChanges changes = LineChanges.between(List.of(),
        List.of(line("shop", 60), line("shop", 1)), Set.of());

    assertThat(changes.started()).containsExactly(line("shop", 60));
  }

  @Test
  void aHeldNameNeitherStartsNorChangesButIsStillRemovedWhenGone() {
    LineChanges changes = LineChanges.between(
        List.of(line("cart", 10)),
        List.of(line("shop", 60), line("cart", 20)),
        Set.of("shop", "cart"));

    assertThat(changes.started()).isEmpty();
    assertThat(changes.changed()).isEmpty();
    assertThat(LineChanges.between(List.of(line("cart", 10)), List.of(), Set.of("cart")).removed())
        .containsExactly(line("cart", 10));
  }

  @Test
  void aMovedLineIsAChangeSoItsNewPlaceIsLogged() {
    TestLine moved = new TestLine("b.conf", 4, "shop", "home", 60, "file");

    LineChanges changes = LineChanges.between(List.of(line("shop", 60)), List.of(moved), Set.of());

    assertThat(changes.changed()).containsExactly(moved);
  }
}
