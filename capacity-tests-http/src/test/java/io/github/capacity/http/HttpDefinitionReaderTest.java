package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpDefinitionReaderTest {
  private static final String URL = "https://shop.example/";

  private final HttpDefinitionReader reader =
      new HttpDefinitionReader(Map.of("API_TOKEN", "tok-123456")::get);

  static Stream<Arguments> badDefinitions() {
    return Stream.of(
        bad(definition("url", "ftp://files.example/"),
            "tests.json: homepage.url: scheme \"ftp\" is not supported; use http or https"),
        bad(definition("method", "GET"),
            "tests.json: homepage.url: is missing, expected a string"),
        bad(definition("url", "shop.example/index.html"),
            "tests.json: homepage.url: has no scheme, expected a URL such as https://host/path"),
        bad(definition("url", "https://user:hunter2@/"),
            "tests.json: homepage.url: is not a valid https URL, expected https://host[:port]/path"),
        bad(definition("url", URL, "method", "FETCH"),
            "tests.json: homepage.method: \"FETCH\" is not supported, expected one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        bad(definition("url", URL, "timeot", "5s"),
            "tests.json: homepage.timeot: unknown key, expected one of body, body_file, ca_file, client, connect_timeout, "
                + "content_type, expect, follow_redirects, headers, insecure, max_connections, method, "
                + "read_timeout, timeout, url, write_timeout"),
        bad(definition("url", URL, "timeout", "fast"),
            "tests.json: homepage.timeout: is \"fast\", expected a positive duration such as \"250ms\", \"5s\" or \"1m\""),
        bad(definition("url", URL, "connect_timeout", "5m"),
            "tests.json: homepage.connect_timeout: is longer than a run, expected at most \"60s\""),
        bad(definition("url", URL, "expect", Map.of("status", "6xx")),
            "tests.json: homepage.expect.status: is \"6xx\", expected a status code from 100 to 599 or a class such as \"2xx\""),
        bad(definition("url", URL, "expect", Map.of("status", List.of(200, "abc"))),
            "tests.json: homepage.expect.status[1]: is \"abc\", expected a status code from 100 to 599 or a class such as \"2xx\""),
        bad(definition("url", URL, "expect", Map.of("status", List.of())),
            "tests.json: homepage.expect.status: is empty, expected status codes such as 200 or classes such as \"2xx\""),
        bad(definition("url", URL, "expect", Map.of("body", "x")),
            "tests.json: homepage.expect.body: unknown key, expected one of body_contains, status"),
        bad(definition("url", URL, "max_connections", 0),
            "tests.json: homepage.max_connections: 0 is out of range, expected a whole number from 1 to 256"),
        bad(definition("url", URL, "follow_redirects", "yes"),
            "tests.json: homepage.follow_redirects: is \"yes\", expected true or false"),
        bad(definition("url", URL, "body", "{}"),
            "tests.json: homepage.body: is set but a GET request has no body, expected method POST, PUT, PATCH or DELETE"),
        bad(definition("url", URL, "method", "POST", "body", "{}", "body_file", "body.json"),
            "tests.json: homepage.body_file: cannot be combined with body, expected one of the two"),
        bad(definition("url", URL, "method", "POST", "body", "{}", "content_type", "json"),
            "tests.json: homepage.content_type: is \"json\", expected a media type such as \"application/json\""),
        bad(definition("url", URL, "headers", Map.of("Authorization", "Bearer ${env:MISSING_TOKEN}")),
            "tests.json: homepage.headers.Authorization: environment variable \"MISSING_TOKEN\" is not set, expected it to hold the header value"),
        bad(definition("url", URL, "headers", Map.of("Authorization", "Bearer ${ENV:API_TOKEN}")),
            "tests.json: homepage.headers.Authorization: has an unsupported ${...} placeholder, expected ${env:NAME} with NAME an environment variable"),
        bad(definition("url", URL, "headers", Map.of("User-Agent", "curl")),
            "tests.json: homepage.headers.User-Agent: is set by the http test type on every request, expected it to be left out"),
        bad(definition("url", URL, "headers", Map.of("X-Token", "secret\r\nInjected: yes")),
            "tests.json: homepage.headers.X-Token: value has a control or non-ASCII character at index 6, expected printable ASCII"),
        bad(definition("url", URL, "headers", Map.of("Content-Type", "text/html")),
            "tests.json: homepage.headers.Content-Type: is set from content_type, expected content_type instead"),
        bad(definition("url", URL, "headers", Map.of("X-Retries", 3)),
            "tests.json: homepage.headers.X-Retries: is not a string (a number), expected the value in quotes"),
        bad(definition("url", "https://u:p@shop.example/", "headers", Map.of("Authorization", "Basic x")),
            "tests.json: homepage.url: has a user and password and headers sets Authorization, expected one of the two"),
        bad(definition("url", URL, "client", "netty"),
            "tests.json: homepage.client: \"netty\" is not a client, expected \"auto\", \"nio\" or \"okhttp\""),
        bad(definition("url", "https://shop.example/", "client", "nio"),
            "tests.json: homepage.client: \"nio\" runs http:// URLs without follow_redirects only,"
                + " expected \"auto\" or \"okhttp\" for this definition"),
        bad(definition("url", URL, "ca_file", "ca.pem", "insecure", true),
            "tests.json: homepage.insecure: cannot be combined with ca_file, expected one of the two"));
  }

  private static Arguments bad(Definition definition, String message) {
    return Arguments.of(definition, message);
  }

  @ParameterizedTest
  @MethodSource("badDefinitions")
  void refusesABadDefinitionWithOneErrorNamingTheFileAndPath(Definition bad, String message) {
    assertThatThrownBy(() -> reader.read(bad))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage(message);
  }

  @Test
  void appliesTheDocumentedDefaults() throws Exception {
    HttpSpec spec = reader.read(definition("url", URL));
    assertThat(spec.method()).isEqualTo("GET");
    assertThat(spec.body()).isNull();
    assertThat(spec.callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.followRedirects()).isFalse();
    assertThat(spec.maxConnections()).isEqualTo(8);
    assertThat(spec.insecure()).isFalse();
    assertThat(spec.trust()).isNull();
    assertThat(spec.expectedStatus().description()).isEqualTo("2xx or 3xx");
    assertThat(spec.expectedStatus().matches(200)).isTrue();
    assertThat(spec.expectedStatus().matches(304)).isTrue();
    assertThat(spec.expectedStatus().matches(404)).isFalse();
  }

  @Test
  void readsStatusCodesAndClasses() throws Exception {
    HttpSpec spec = reader.read(definition("url", URL,
        "expect", Map.of("status", List.of("2xx", 304, "404"))));
    assertThat(spec.expectedStatus().description()).isEqualTo("2xx, 304, 404");
    assertThat(List.of(200, 299, 304, 404)).allMatch(spec.expectedStatus()::matches);
    assertThat(List.of(199, 300, 403, 500)).noneMatch(spec.expectedStatus()::matches);
  }

  @Test
  void resolvesEnvironmentVariablesInHeaderValues() throws Exception {
    HttpSpec spec = reader.read(definition("url", URL,
        "headers", Map.of("Authorization", "Bearer ${env:API_TOKEN}", "X-Source", "capacity")));
    assertThat(spec.headers().get("Authorization")).isEqualTo("Bearer tok-123456");
    assertThat(spec.headers().get("X-Source")).isEqualTo("capacity");
    assertThat(spec.secrets().scrub("sent Bearer tok-123456 and tok-123456"))
        .isEqualTo("sent <redacted> and <redacted>");
  }

  @Test
  void turnsAUserAndPasswordInTheUrlIntoBasicAuthentication() throws Exception {
    HttpSpec spec = reader.read(definition("url", "https://admin:hunter2pass@shop.example/a"));
    assertThat(spec.url().toString()).isEqualTo("https://shop.example/a");
    assertThat(spec.headers().get("Authorization")).isEqualTo("Basic YWRtaW46aHVudGVyMnBhc3M=");
    assertThat(spec.secrets().scrub("hunter2pass")).isEqualTo("<redacted>");
  }
}
