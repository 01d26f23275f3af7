package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.TestType;
import io.github.capacity.api.testing.TestTypeContract;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;

class HttpTestTypeContractTest extends TestTypeContract {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private RawServer hanging;

  @Override
  protected TestType testType() {
    return new HttpTestType();
  }

  @Override
  protected Definition succeedingDefinition() {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    return HttpFixtures.definition("url", server.url("/").toString());
  }

  @Override
  protected Definition hangingDefinition() throws Exception {
    hanging = RawServer.neverAnswering();
    return HttpFixtures.definition("url", hanging.url());
  }

  @Override
  protected Definition invalidDefinition() {
    return HttpFixtures.definition("url", "ftp://files.example/");
  }

  @Override
  protected boolean isTestInfrastructure(Thread thread) {
    return thread.getName().startsWith("MockWebServer"); // the target's threads, not the plugin's
  }

  @AfterEach
  void closeHangingServer() throws Exception {
    if (hanging != null) {
      hanging.close();
    }
  }
}
