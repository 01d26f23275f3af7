package io.github.capacity.http;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URL of an {@code http} definition, parsed without OkHttp so that a plain-http run loads none
 * of its classes: scheme, canonical host, port, the request target (path and query, as written)
 * and the user and password, if any. Immutable.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host in lower case, IPv6 without brackets, international names in ASCII
 * @param port the port, the scheme's default when the URL names none
 * @param target the path and query sent in the request line, at least {@code "/"}
 * @param user the decoded user name, empty for none
 * @param password the decoded password, empty for none
 */
record HttpTarget(String scheme, String host, int port, String target, String user, String password) {
  /** Characters {@link URI} refuses but browsers and OkHttp send percent-encoded. */
  private static final String UNWISE = " \"<>\\^`{|}";

  /** Parses {@code text}; returns {@code null} when it is no http or https URL with a host. */
  static HttpTarget parse(String text) {
    URI uri;
    try {
      uri = new URI(encodeUnwise(text.trim()));
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
      return null;
    }
    // URI takes host names by RFC 2396 only; OkHttp (and DNS in practice) also take "_" in them.
    int at = uri.getRawAuthority().lastIndexOf('@');
    String authority = uri.getRawAuthority().substring(at + 1);
    String rawHost = uri.getHost() != null ? uri.getHost() : authority.replaceFirst(":\\d*$", "");
    int port = uri.getHost() != null ? uri.getPort() : authority.matches(".*:\\d{1,5}")
        ? Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)) : -1;
    String host;
    try {
      host = IDN.toASCII(rawHost.replaceAll("^\\[|]$", ""), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (host.isEmpty() || !host.matches("[a-z0-9._:-]+") || port > 65535) {
      return null;
    }
    port = port == -1 ? defaultPort(scheme) : port;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String userInfo = at < 0 ? null : uri.getRawAuthority().substring(0, at);
    String user = "";
    String password = "";
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    return new HttpTarget(scheme, host, port, target, user, password);
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  boolean isHttps() {
    return scheme.equals("https");
  }

  /** The same URL without user and password. */
  HttpTarget withoutCredentials() {
    return new HttpTarget(scheme, host, port, target, "", "");
  }

  /** {@code Host} header value: the host, bracketed if IPv6, with the port unless the default. */
  String hostHeader() {
    String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(scheme) ? bracketed : bracketed + ":" + port;
  }

  /** For messages: {@code https://host/...}, without user, password, path or query (as OkHttp's redact). */
  String redact() {
    return scheme + "://" + hostHeader() + "/...";
  }

  /** The query's parameter values, raw and decoded, which may be tokens: secrets to scrub. */
  List<String> queryValues() {
    List<String> values = new ArrayList<>();
    int question = target.indexOf('?');
    if (question < 0) {
      return values;
    }
    for (String pair : target.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      String raw = equals < 0 ? pair : pair.substring(equals + 1);
      values.add(raw);
      values.add(decode(raw.replace('+', ' ')));
    }
    return values;
  }

  URI uri() {
    return URI.create(toString());
  }

  /** The URL without user and password. */
  @Override
  public String toString() {
    return scheme + "://" + hostHeader() + target;
  }

  private static String encodeUnwise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || UNWISE.indexOf(c) >= 0) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** Percent-decoding as UTF-8; a malformed escape is kept as written. */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] out = new byte[text.length() * 4];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          out[n++] = b;
        }
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
