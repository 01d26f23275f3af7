package io.github.capacity.http;

import io.github.capacity.api.Definition;
import io.github.capacity.api.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * Checks an {@code http} definition and turns it into an {@link HttpSpec}, reporting the first
 * mistake with {@code tests.json}, its JSON path, what was wrong and what was expected. Error
 * messages never repeat the URL or a header value, which may hold secrets.
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
  private static final Pattern SCHEME = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*):");

  private final Function<String, String> environment;

  HttpDefinitionReader(Function<String, String> environment) {
    this.environment = environment;
  }

  HttpSpec read(Definition d) throws InvalidDefinitionException {
    d.requireOnly(KEYS);
    List<String> secrets = new ArrayList<>();
    HttpUrl fullUrl = url(d);
    Headers headers = new HeaderReader(environment).read(d.section("headers"), secrets);
    if (!fullUrl.username().isEmpty() || !fullUrl.password().isEmpty()) {
      if (headers.get("Authorization") != null) {
        throw d.error("url",
            "has a user and password and headers sets Authorization, expected one of the two");
      }
      String basic = Credentials.basic(fullUrl.username(), fullUrl.password());
      secrets.add(fullUrl.password());
      secrets.add(fullUrl.encodedPassword());
      secrets.add(basic);
      headers = headers.newBuilder().add("Authorization", basic).build();
    }
    HttpUrl url = fullUrl.newBuilder().username("").password("").build();
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
    return new HttpSpec(d.path(), url, method, headers, body(d, method),
        timeout(d, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
        timeout(d, "read_timeout", DEFAULT_IO_TIMEOUT),
        timeout(d, "write_timeout", DEFAULT_IO_TIMEOUT),
        timeout(d, "timeout", DEFAULT_CALL_TIMEOUT),
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

  private static HttpUrl url(Definition d) throws InvalidDefinitionException {
    String text = d.string("url");
    Matcher scheme = SCHEME.matcher(text);
    if (!scheme.find()) {
      throw d.error("url", "has no scheme, expected a URL such as https://host/path");
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!name.equals("http") && !name.equals("https")) {
      throw d.error("url", "scheme \"" + name + "\" is not supported; use http or https");
    }
    HttpUrl url = HttpUrl.parse(text.trim());
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

  private static RequestBody body(Definition d, String method) throws InvalidDefinitionException {
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
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (contentType != null && type == null) {
      throw d.error("content_type", "is " + Definition.describe(contentType)
          + ", expected a media type such as \"application/json\"");
    }
    if (inline != null) {
      return RequestBody.create(inline,
          type != null ? type : MediaType.get("text/plain; charset=utf-8"));
    }
    if (file != null) {
      return RequestBody.create(readBodyFile(d, file),
          type != null ? type : MediaType.get("application/octet-stream"));
    }
    // POST, PUT and PATCH need a body in OkHttp; an empty one says so with Content-Length: 0.
    return noBody ? null : RequestBody.create(new byte[0], type);
  }

  private static byte[] readBodyFile(Definition d, String file) throws InvalidDefinitionException {
    Path path = resolve(d, file);
    try {
      if (Files.size(path) > MAX_BODY_FILE_BYTES) {
        throw d.error("body_file",
            "file \"" + path + "\" is larger than 16 MiB, expected a smaller body");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw d.error("body_file", "file \"" + path + "\" cannot be read ("
          + e.getClass().getSimpleName() + "), expected a readable file");
    }
  }

  private static TlsTrust trust(Definition d, String file) throws InvalidDefinitionException {
    Path path = resolve(d, file);
    try {
      return TlsTrust.fromPemFile(path);
    } catch (IOException | GeneralSecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      throw d.error("ca_file",
          "file \"" + path + "\" cannot be used (" + why + "), expected PEM certificates");
    }
  }

  /** Relative paths are relative to the folder of {@code tests.json}, as the operator reads them. */
  private static Path resolve(Definition d, String file) {
    Path parent = Path.of(d.source()).toAbsolutePath().getParent();
    return parent == null ? Path.of(file) : parent.resolve(file);
  }

  private static Duration timeout(Definition d, String key, Duration defaultValue)
      throws InvalidDefinitionException {
    Duration value = d.duration(key, defaultValue);
    if (value.compareTo(MAX_TIMEOUT) > 0) {
      throw d.error(key, "is longer than a run, expected at most \"60s\"");
    }
    return value;
  }
}
