package io.github.capacity.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.api.ErrorClass;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.Test;

/** The mapping itself; HttpOutcomesTest produces each class from a real socket. */
class ErrorClassifierTest {

  @Test
  void aTimeoutWhileConnectingIsConnectTimeoutAndAfterwardsTimeout() {
    IOException callTimeout = new InterruptedIOException("timeout");
    assertThat(ErrorClassifier.classify(callTimeout, true)).isEqualTo(ErrorClass.CONNECT_TIMEOUT);
    assertThat(ErrorClassifier.classify(callTimeout, false)).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(ErrorClassifier.classify(new SocketTimeoutException("Read timed out"), false))
        .isEqualTo(ErrorClass.TIMEOUT);
  }

  @Test
  void looksThroughWrappedCauses() {
    IOException refused = new ConnectException("Failed to connect to /127.0.0.1:9");
    refused.initCause(new ConnectException("Connection refused"));
    assertThat(ErrorClassifier.classify(refused, true)).isEqualTo(ErrorClass.CONNECT_REFUSED);
    IOException eof = new IOException("unexpected end of stream on http://127.0.0.1/...",
        new EOFException("\\n not found: limit=0"));
    assertThat(ErrorClassifier.classify(eof, false)).isEqualTo(ErrorClass.RESET);
    IOException dns = new IOException("wrapped", new UnknownHostException("x.invalid"));
    assertThat(ErrorClassifier.classify(dns, true)).isEqualTo(ErrorClass.DNS);
  }

  @Test
  void mapsTheOtherFailures() {
    assertThat(ErrorClassifier.classify(new SSLHandshakeException("PKIX path building failed"), true))
        .isEqualTo(ErrorClass.TLS);
    assertThat(ErrorClassifier.classify(new SocketException("Connection reset"), false))
        .isEqualTo(ErrorClass.RESET);
    assertThat(ErrorClassifier.classify(new SocketException("Broken pipe"), false))
        .isEqualTo(ErrorClass.RESET);
    assertThat(ErrorClassifier.classify(new StreamResetException(ErrorCode.CANCEL), false))
        .isEqualTo(ErrorClass.RESET);
    assertThat(ErrorClassifier.classify(new InterruptedIOException("executor rejected"), false))
        .isEqualTo(ErrorClass.IO);
    assertThat(ErrorClassifier.classify(new java.net.ProtocolException("Unexpected status line"), false))
        .isEqualTo(ErrorClass.IO);
  }
}
