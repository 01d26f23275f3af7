package io.github.capacity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void keepsOrdinaryTestNamesWithTheirHierarchy() {
    assertThat(Names.path("shop.home_page-2")).isEqualTo("shop.home_page-2");
  }

  @Test
  void replacesEveryCharacterThatCouldInjectALineAFieldOrAPath() {
    assertThat(Names.path("a\nb c|d:e/f@g#h,i\r\tj")).isEqualTo("a_b_c_d_e_f_g_h_i__j");
  }

  @Test
  void collapsesDotsSoNoEmptyLevelOrParentDirectoryAppears() {
    assertThat(Names.path("..a...b..")).isEqualTo("a.b");
    assertThat(Names.path("../../etc/passwd")).isEqualTo("_._etc_passwd");
    assertThat(Names.path("...")).isEqualTo("_");
    assertThat(Names.path("")).isEqualTo("_");
  }

  @Test
  void makesAHostOneLevel() {
    assertThat(Names.component("web1.example.com")).isEqualTo("web1_example_com");
    assertThat(Names.component("")).isEqualTo("_");
  }

  @Test
  void acceptsOnlySafePrefixes() {
    assertThat(Names.isSafePath("capacity.prod")).isTrue();
    assertThat(Names.isSafePath("capacity..prod")).isFalse();
    assertThat(Names.isSafePath("a b")).isFalse();
    assertThat(Names.isSafePath("")).isFalse();
  }
}
