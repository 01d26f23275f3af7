package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** URLs as OkHttp's HttpUrl reads them, without OkHttp. */
class HttpTargetTest {
  @Test
  void readsTheHostPortTargetAndCredentials() {
    HttpTarget url = HttpTarget.parse(" HTTP://Admin:p%40ss@Shop.Example:8080/a b?q=1&token=x%2Dy#frag ");
    assertThat(url).isEqualTo(new HttpTarget("http", "shop.example", 8080, "/a%20b?q=1&token=x%2Dy", "Admin", "p@ss"));
    assertThat(url.withoutCredentials().toString()).isEqualTo("http://shop.example:8080/a%20b?q=1&token=x%2Dy");
    assertThat(url.redact()).isEqualTo("http://shop.example:8080/...");
    assertThat(url.queryValues()).contains("x%2Dy", "x-y");
  }

  @Test
  void defaultsThePortAndPathAndTakesIpv6AndUnderscores() {
    assertThat(HttpTarget.parse("https://shop.example").hostHeader()).isEqualTo("shop.example");
    assertThat(HttpTarget.parse("https://shop.example").target()).isEqualTo("/");
    assertThat(HttpTarget.parse("http://[::1]:81/").hostHeader()).isEqualTo("[::1]:81");
    assertThat(HttpTarget.parse("http://u:pw@internal_api.lan:81/x").toString()).isEqualTo("http://internal_api.lan:81/x");
    assertThat(HttpTarget.parse("http://u:pw@internal_api.lan:81/x").password()).isEqualTo("pw");
  }

  @Test
  void refusesWhatIsNoHttpUrlWithAHost() {
    assertThat(HttpTarget.parse("https://user:hunter2@/")).isNull();
    assertThat(HttpTarget.parse("ftp://files.example/")).isNull();
    assertThat(HttpTarget.parse("http://bad host/")).isNull();
  }
}
