package io.github.capacity.http;

import io.github.capacity.api.ErrorClass;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Maps a failure of either client to the stable error class that dashboards key on. Names OkHttp's
 * HTTP/2 reset by its class name: the own client's runs load no OkHttp class. Stateless.
 */
final class ErrorClassifier {
  private static final String STREAM_RESET = "okhttp3.internal.http2.StreamResetException";

  private ErrorClassifier() {}

  /**
   * The class of {@code failure}, looking through its causes, outermost first.
   *
   * @param connecting whether the call was still setting up its connection (see {@link
   *     ConnectPhase}): a timeout then is {@code connect_timeout}
   */
  static ErrorClass classify(IOException failure, boolean connecting) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      ErrorClass found = classifyOne(t, connecting);
      if (found != null) {
        return found;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ErrorClass.IO;
  }

  private static ErrorClass classifyOne(Throwable t, boolean connecting) {
    String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    if (t instanceof UnknownHostException) {
      return ErrorClass.DNS;
    }
    // OkHttp's whole-call timeout is an InterruptedIOException("timeout"), a read or connect
    // timeout a SocketTimeoutException.
    if (t instanceof SocketTimeoutException
        || (t instanceof InterruptedIOException && message.equals("timeout"))) {
      return connecting ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.TIMEOUT;
    }
    if (t instanceof SSLException || t instanceof CertificateException) {
      return ErrorClass.TLS;
    }
    if (t instanceof ConnectException) {
      return message.contains("timed out") ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.CONNECT_REFUSED;
    }
    if (t instanceof EOFException || t.getClass().getName().equals(STREAM_RESET)) {
      return ErrorClass.RESET;
    }
    if (t instanceof SocketException && (message.contains("reset") || message.contains("broken pipe")
        || message.contains("abort"))) {
      return ErrorClass.RESET;
    }
    return null;
  }
}
