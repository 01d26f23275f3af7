package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.Outcome;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** The outcomes on OkHttp, which also serves https and redirects. */
class OkHttpOutcomesTest extends HttpOutcomesContract {
  @Override
  protected String client() {
    return "okhttp";
  }

  @Test
  void aRedirectChainIsFollowedWhenAsked() throws Exception {
    server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/a").build());
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/b").build());
    server.enqueue(new MockResponse.Builder().code(200).body("end").build());
    Outcome outcome = runOnce(definition("url", url("/"), "follow_redirects", true,
        "expect", Map.of("status", "2xx")));
    assertThat(outcome).isEqualTo(Outcome.ok(200, 3));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
