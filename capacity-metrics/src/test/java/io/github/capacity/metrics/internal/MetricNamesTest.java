package io.github.capacity.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void keepsOrdinaryTestNamesWithTheirHierarchy() {
    assertThat(MetricNames.path("shop.home_page-2")).isEqualTo("shop.home_page-2");
  }

  @Test
  void replacesEveryCharacterThatCouldInjectALineAFieldOrAPath() {
    assertThat(MetricNames.path("a\nb c|d:e/f@g#h,i\r\tj")).isEqualTo("a_b_c_d_e_f_g_h_i__j");
  }

  @Test
  void collapsesDotsSoNoEmptyLevelOrParentDirectoryAppears() {
    assertThat(MetricNames.path("..a...b..")).isEqualTo("a.b");
    assertThat(MetricNames.path("../../etc/passwd")).isEqualTo("_._etc_passwd");
    assertThat(MetricNames.path("...")).isEqualTo("_");
    assertThat(MetricNames.path("")).isEqualTo("_");
  }

  @Test
  void makesAHostOneLevel() {
    assertThat(MetricNames.component("web1.example.com")).isEqualTo("web1_example_com");
    assertThat(MetricNames.component("")).isEqualTo("_");
  }

  @Test
  void acceptsOnlySafePrefixes() {
    assertThat(MetricNames.isSafePath("capacity.prod")).isTrue();
    assertThat(MetricNames.isSafePath("capacity..prod")).isFalse();
    assertThat(MetricNames.isSafePath("a b")).isFalse();
    assertThat(MetricNames.isSafePath("")).isFalse();
  }
}
