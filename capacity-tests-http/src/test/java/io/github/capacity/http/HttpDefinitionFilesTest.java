package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the definition reader does with the files it is pointed at and with values that must not
 * be echoed: never a blocking read, never a secret in a message, a body held once.
 */
class HttpDefinitionFilesTest {
  @TempDir
  Path dir;

  private final HttpDefinitionReader reader = new HttpDefinitionReader(name -> null);

  private Definition posting(String bodyFile) {
    return new Definition(dir.resolve("tests.json").toString(), "order", "http",
        Map.of("url", "http://127.0.0.1/", "method", "POST", "body_file", bodyFile));
  }

  /** The start of an error about body_file: the tests.json path, the key, the file. */
  private String where() {
    return dir.resolve("tests.json") + ": order.body_file: file \"";
  }

  private String errorFor(String bodyFile) {
    try {
      reader.read(posting(bodyFile));
      return "accepted";
    } catch (InvalidDefinitionException e) {
      return e.getMessage();
    }
  }

  @Test
  void aFifoIsRefusedWithoutReadingIt() throws Exception {
    Path fifo = dir.resolve("body.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
    // No writer ever opens it: a read would block for good.
    assertThat(errorFor("body.fifo")).isEqualTo(where() + fifo
        + "\" is a FIFO, socket or device, expected a regular file");
  }

  @Test
  void aDirectoryADanglingLinkAndALinkLoopAreEachNamed() throws Exception {
    Files.createDirectory(dir.resolve("bodies"));
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing.json"));
    Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
    Files.createSymbolicLink(dir.resolve("loop-b"), dir.resolve("loop-a"));
    assertThat(errorFor("bodies")).isEqualTo(where()
        + dir.resolve("bodies") + "\" is a directory, expected a regular file");
    assertThat(errorFor("dangling")).isEqualTo(where()
        + dir.resolve("dangling") + "\" is a symbolic link to a missing file, expected a regular file");
    assertThat(errorFor("loop-a")).isEqualTo(where()
        + dir.resolve("loop-a") + "\" is a symbolic link loop, expected a regular file");
    assertThat(errorFor("absent.json")).isEqualTo(where()
        + dir.resolve("absent.json") + "\" does not exist, expected a regular file");
  }

  @Test
  void theBodyIsHeldOnceAndSharedByEveryRequest() throws Exception {
    Files.write(dir.resolve("big.bin"), new byte[1 << 20]);
    HttpSpec spec = reader.read(posting("big.bin"));
    RequestBytes requests = new RequestBytes(spec, "ua");
    assertThat(requests.body().bytes()).isSameAs(spec.body().bytes());
    assertThat(requests.head("shop.a").length + requests.head("shop.b").length)
        .as("heads only, the body is not copied per test name").isLessThan(1024);
    assertThat(requests.body().view().hasArray()).as("a read-only view of the same bytes").isFalse();
  }

  @Test
  void aTimeoutLongerThanTheDefaultReadTimeoutRaisesTheReadTimeoutWithIt() throws Exception {
    HttpSpec longer = reader.read(HttpFixtures.definition("url", "http://127.0.0.1/", "timeout", "30s"));
    assertThat(longer.readTimeout()).hasSeconds(30);
    assertThat(reader.read(HttpFixtures.definition("url", "http://127.0.0.1/", "timeout", "3s"))
        .readTimeout()).hasSeconds(10);
    // Both written: what the operator asked for.
    assertThat(reader.read(HttpFixtures.definition("url", "http://127.0.0.1/", "timeout", "30s",
        "read_timeout", "5s")).callTimeout()).hasSeconds(30);
  }

  @Test
  void noSecretIsEchoedInAnError() {
    for (Map.Entry<Definition, String> bad : Map.of(
        HttpFixtures.definition("url", "http://127.0.0.1/", "headers", Map.of("X-Api-Key", 7_654_321)),
        "tests.json: homepage.headers.X-Api-Key: is not a string (a number), expected the value in quotes",
        HttpFixtures.definition("url", "s3cr3tuser:hunter2@shop.example/"),
        "tests.json: homepage.url: has no scheme, expected a URL such as https://host/path").entrySet()) {
      assertThatThrownBy(() -> reader.read(bad.getKey())).hasMessage(bad.getValue());
    }
  }

  @Test
  void queryValuesAreSecretsScrubbedFromMessages() throws Exception {
    HttpSpec spec = reader.read(HttpFixtures.definition("url",
        "http://127.0.0.1/api?access_token=tok%2Dabc123&page=2"));
    assertThat(spec.secrets().scrub("echoed GET /api?access_token=tok%2Dabc123 and tok-abc123"))
        .isEqualTo("echoed GET /api?access_token=<redacted> and <redacted>");
  }
}
