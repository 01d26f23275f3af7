package io.github.capacity.http;

import java.nio.ByteBuffer;

/**
 * A definition's request body: its bytes, held once for the definition and shared by every
 * execution, connection and client (never copied per request), and its media type.
 *
 * @param bytes the body; not modified by anyone once read
 * @param contentType the {@code Content-Type} value, or {@code null} to send none
 */
record HttpBody(byte[] bytes, String contentType) {
  /** A view of the bytes with its own position, for one write; the bytes are not copied. */
  ByteBuffer view() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }
}
