package io.github.capacity.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a test trusts instead of the platform's: the private CA of {@code ca_file}, or
 * nothing checked at all for {@code insecure: true}. Immutable.
 */
final class TlsTrust {
  private final X509TrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  private TlsTrust(X509TrustManager trustManager) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager}, null);
    this.trustManager = trustManager;
    this.socketFactory = context.getSocketFactory();
  }

  /** Trusts exactly the certificates in the PEM file {@code path}. */
  static TlsTrust fromPemFile(Path path) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(path)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate found");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return new TlsTrust(x509);
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Trusts any certificate: only for an operator's explicit {@code insecure: true}. */
  static TlsTrust trustingEverything() {
    try {
      return new TlsTrust(new TrustEverything());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  X509TrustManager trustManager() {
    return trustManager;
  }

  SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
