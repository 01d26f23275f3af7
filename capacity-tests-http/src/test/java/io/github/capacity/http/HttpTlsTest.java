package io.github.capacity.http;

import static io.github.capacity.http.HttpFixtures.definition;
import static io.github.capacity.http.HttpFixtures.runOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import io.github.capacity.api.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with a self-signed certificate: refused by default, trusted through ca_file or insecure. */
class HttpTlsTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  private final HeldCertificate certificate = new HeldCertificate.Builder()
      .commonName("localhost").addSubjectAlternativeName("localhost").build();

  @BeforeEach
  void serveHttpsWithHttp2() {
    HandshakeCertificates serverCertificates =
        new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    server.useHttps(serverCertificates.sslSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.enqueue(new MockResponse.Builder().code(200).body("secure").build());
  }

  @Test
  void aSelfSignedCertificateIsRefusedAsTls() throws Exception {
    Outcome outcome = runOnce(definition("url", server.url("/").toString()));
    assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.TLS);
  }

  @Test
  void aPrivateCaFromCaFileIsTrustedAndHttp2IsUsed() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), certificate.certificatePem());
    Outcome outcome = runOnce(definition("url", server.url("/").toString(), "ca_file", ca.toString()));
    assertThat(outcome).isEqualTo(Outcome.ok(200, 6));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getVersion()).isEqualTo("HTTP/2");
  }

  @Test
  void aCertificateForAnotherHostIsTlsEvenWithItsCa() throws Exception {
    HeldCertificate other = new HeldCertificate.Builder().addSubjectAlternativeName("shop.example").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(other).build().sslSocketFactory());
    Path ca = Files.writeString(dir.resolve("ca.pem"), other.certificatePem());
    Outcome outcome = runOnce(definition("url", server.url("/").toString(), "ca_file", ca.toString()));
    assertThat(outcome.errorClass()).as(outcome.detail()).isEqualTo(ErrorClass.TLS);
  }

  @Test
  void insecureTrustsAnyCertificateAndLogsAWarning() throws Exception {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    Outcome outcome;
    try {
      System.setErr(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
      outcome = runOnce(definition("url", server.url("/").toString(), "insecure", true));
    } finally {
      System.setErr(err);
    }
    assertThat(outcome).isEqualTo(Outcome.ok(200, 6));
    assertThat(logs.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("WARN io.github.capacity.http.HttpTestType"
        + " - tests.json: homepage: insecure is true: TLS certificates and host names are NOT verified");
  }

  @Test
  void aCaFileWithoutCertificatesIsRefusedWhenLoaded() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> HttpFixtures.prepare(definition("url", "https://localhost/", "ca_file", ca.toString())))
        .hasMessageStartingWith("tests.json: homepage.ca_file: file \"" + ca + "\" cannot be used (")
        .hasMessageEndingWith("), expected PEM certificates");
  }
}
