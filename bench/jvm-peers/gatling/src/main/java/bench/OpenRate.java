package bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * bench/run's open-model load in Gatling: RATE users a second for DURATION seconds, each user one
 * GET of URL, over one connection pool shared by all users (the closest Gatling comes to our
 * 10 kept-alive connections). No {@code maxConnectionsPerHost}: with it, Gatling 3.13.5 opened a
 * new connection for every user (nginx's {@code $connection} shows one request per connection),
 * which no user would want. System properties {@code rate}, {@code duration}, {@code url}.
 */
public class OpenRate extends Simulation {
  private final double rate = Double.parseDouble(System.getProperty("rate", "500"));
  private final int duration = Integer.getInteger("duration", 60);
  private final String url = System.getProperty("url", "http://127.0.0.1:18080/");

  private final HttpProtocolBuilder protocol = http
      .shareConnections()
      .disableCaching()
      .disableWarmUp();

  {
    setUp(scenario("open rate")
        .exec(http("get").get(url).check(status().is(200)))
        .injectOpen(constantUsersPerSec(rate).during(duration)))
        .protocols(protocol);
  }
}
