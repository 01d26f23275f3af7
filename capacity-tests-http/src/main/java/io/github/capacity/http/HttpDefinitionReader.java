package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an {@code http} definition and turns it into an {@link HttpSpec}, reporting the first
 * mistake with {@code tests.json}, its JSON path, what was wrong and what was expected. Error
 * messages never repeat the URL or a header value, which may hold secrets. Uses no OkHttp type:
 * a plain-http run never loads one.
 */
final class HttpDefinitionReader {
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(10);
  /** A run lives one minute; a longer timeout could only outlive it. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
  static final int DEFAULT_MAX_CONNECTIONS = 8;
  static final int MAX_CONNECTIONS = 256;
  static final long MAX_BODY_FILE_BYTES = 16L << 20;

  private static final Set<String> KEYS = Set.of("url", "method", "headers", "body", "body_file",
      "content_type", "timeout", "connect_timeout", "read_timeout", "write_timeout",
      "follow_redirects", "expect", "max_connections", "ca_file", "insecure", "client");
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  /**
   * A scheme is named in errors only when written as one ({@code ftp://}): in {@code
   * user:password@host} the part before the colon is a user name, followed by a password.
   */
  private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]{0,15})://");
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
      + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\p{Cntrl}]*\"))*\\s*;?\\s*");

  private final Function<String, String> environment;

  HttpDefinitionReader(Function<String, String> environment) {
    this.environment = environment;
  }

  HttpSpec read(Definition d) throws InvalidDefinitionException {
    d.requireOnly(KEYS);
    List<String> secrets = new ArrayList<>();
    HttpTarget fullUrl = url(d);
    secrets.addAll(fullUrl.queryValues());
    HttpHeaders headers = new HeaderReader(environment).read(d.section("headers"), secrets);
    if (!fullUrl.user().isEmpty() || !fullUrl.password().isEmpty()) {
      if (headers.get("Authorization") != null) {
        throw d.error("url",
            "has a user and password and headers sets Authorization, expected one of the two");
      }
      // As OkHttp's Credentials.basic: ISO-8859-1, then Base64.
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          (fullUrl.user() + ":" + fullUrl.password()).getBytes(StandardCharsets.ISO_8859_1));
      secrets.add(fullUrl.password());
      secrets.add(basic);
      headers = headers.plus("Authorization", basic);
    }
    HttpTarget url = fullUrl.withoutCredentials();
    String method = method(d);
    Definition expect = d.section("expect");
    expect.requireOnly(Set.of("status", "body_contains"));
    String bodyContains = expect.string("body_contains", null);
    if (bodyContains != null && bodyContains.isEmpty()) {
      throw expect.error("body_contains", "is empty, expected the text the body must contain");
    }
    boolean insecure = d.bool("insecure", false);
    String caFile = d.string("ca_file", null);
    if (insecure && caFile != null) {
      throw d.error("insecure", "cannot be combined with ca_file, expected one of the two");
    }
    HttpSpec.Client client = client(d);
    boolean followRedirects = d.bool("follow_redirects", false);
    if (client == HttpSpec.Client.NIO && (url.isHttps() || followRedirects)) {
      throw d.error("client", "\"nio\" runs http:// URLs without follow_redirects only,"
          + " expected \"auto\" or \"okhttp\" for this definition");
    }
    Duration callTimeout = timeout(d, "timeout", DEFAULT_CALL_TIMEOUT);
    // An operator who raises timeout alone means a slow response may take that long: the default
    // read_timeout follows it, or its 10 s would end the wait first. Written out, both hold, as
    // a slowly streamed body may take longer in all than its longest silence.
    Duration readTimeout = timeout(d, "read_timeout",
        longer(callTimeout, DEFAULT_IO_TIMEOUT) ? callTimeout : DEFAULT_IO_TIMEOUT);
    return new HttpSpec(d.path(), url, method, headers, body(d, method),
        timeout(d, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
        readTimeout,
        timeout(d, "write_timeout", DEFAULT_IO_TIMEOUT),
        callTimeout,
        followRedirects,
        (int) d.integer("max_connections", DEFAULT_MAX_CONNECTIONS, 1, MAX_CONNECTIONS),
        caFile == null ? null : trust(d, caFile),
        insecure,
        StatusExpectation.read(expect),
        bodyContains,
        new Secrets(secrets),
        client);
  }

  private static HttpSpec.Client client(Definition d) throws InvalidDefinitionException {
    String name = d.string("client", "auto");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> HttpSpec.Client.AUTO;
      case "okhttp" -> HttpSpec.Client.OKHTTP;
      case "nio" -> HttpSpec.Client.NIO;
      default -> throw d.error("client",
          Definition.describe(name) + " is not a client, expected \"auto\", \"nio\" or \"okhttp\"");
    };
  }

  private static HttpTarget url(Definition d) throws InvalidDefinitionException {
    String text = d.string("url");
    Matcher scheme = SCHEME.matcher(text);
    if (!scheme.find()) {
      throw d.error("url", "has no scheme, expected a URL such as https://host/path");
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!name.equals("http") && !name.equals("https")) {
      throw d.error("url", "scheme \"" + name + "\" is not supported; use http or https");
    }
    HttpTarget url = HttpTarget.parse(text);
    if (url == null) {
      // Not repeated: the URL may carry a password.
      throw d.error("url",
          "is not a valid " + name + " URL, expected " + name + "://host[:port]/path");
    }
    return url;
  }

  private static String method(Definition d) throws InvalidDefinitionException {
    String method = d.string("method", "GET");
    if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      throw d.error("method", Definition.describe(method) + " is not supported, expected one of "
          + "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    }
    return method.toUpperCase(Locale.ROOT);
  }

  private static HttpBody body(Definition d, String method) throws InvalidDefinitionException {
    String inline = d.string("body", null);
    String file = d.string("body_file", null);
    String contentType = d.string("content_type", null);
    if (inline != null && file != null) {
      throw d.error("body_file", "cannot be combined with body, expected one of the two");
    }
    boolean noBody = method.equals("GET") || method.equals("HEAD");
    String given = inline != null ? "body"
        : file != null ? "body_file"
        : contentType != null ? "content_type"
        : null;
    if (noBody && given != null) {
      throw d.error(given, "is set but a " + method + " request has no body,"
          + " expected method POST, PUT, PATCH or DELETE");
    }
    if (contentType != null && !MEDIA_TYPE.matcher(contentType).matches()) {
      throw d.error("content_type", "is " + Definition.describe(contentType)
          + ", expected a media type such as \"application/json\"");
    }
    if (inline != null) {
      // As OkHttp sends a text body: UTF-8, and saying so unless the type names a charset.
      String type = contentType == null ? "text/plain; charset=utf-8"
          : contentType.toLowerCase(Locale.ROOT).contains("charset=") ? contentType
          : contentType + "; charset=utf-8";
      return new HttpBody(inline.getBytes(StandardCharsets.UTF_8), type);
    }
    if (file != null) {
      byte[] bytes = RegularFile.read(d, "body_file", RegularFile.resolve(d, file),
          MAX_BODY_FILE_BYTES, "16 MiB, expected a smaller body");
      return new HttpBody(bytes, contentType != null ? contentType : "application/octet-stream");
    }
    // POST, PUT and PATCH without a body say so with Content-Length: 0, as OkHttp sends them.
    return noBody ? null : new HttpBody(new byte[0], contentType);
  }

  private static TlsTrust trust(Definition d, String file) throws InvalidDefinitionException {
    Path path = RegularFile.resolve(d, file);
    RegularFile.check(d, "ca_file", path);
    try {
      return TlsTrust.fromPemFile(path);
    } catch (IOException | GeneralSecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      throw d.error("ca_file",
          "file \"" + path + "\" cannot be used (" + why + "), expected PEM certificates");
    }
  }

  private static Duration timeout(Definition d, String key, Duration defaultValue)
      throws InvalidDefinitionException {
    Duration value = d.duration(key, defaultValue);
    if (value.compareTo(MAX_TIMEOUT) > 0) {
      throw d.error(key, "is longer than a run, expected at most \"60s\"");
    }
    return value;
  }

  private static boolean longer(Duration a, Duration b) {
    return a.compareTo(b) > 0;
  }

  /** A duration as the docs write it: {@code "250ms"}, {@code "30s"}. */
  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return "\"" + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms") + "\"";
  }
}
