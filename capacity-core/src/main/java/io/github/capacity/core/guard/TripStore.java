package io.github.capacity.core.guard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.capacity.api.Trip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder of trip records ({@code trips.dir}): one JSON file per tripped test, {@code
 * <test_name>.trip}, which configuration management and people can read, and remove to let the
 * test run again before its cooldown ends.
 *
 * <p>A record is written to a temporary file in the folder and moved over the old one in one
 * rename, so a reader never sees half a record; the rename replaces a symbolic link rather than
 * writing through it, and records are read without following links. A record that cannot be read
 * is reported as such: the caller keeps the test stopped (the safe side) until it is removed.
 * Stateless apart from the folder; thread safe.
 */
public final class TripStore {
  static final String SUFFIX = ".trip";
  private static final JsonFactory JSON = new JsonFactory();
  /** A record is a few hundred bytes; anything far larger is not one. */
  private static final int MAX_BYTES = 64 * 1024;

  /** A record as found: the record, or why it cannot be read. */
  public record Stored(String testName, Path file, TripRecord record, String problem) {}

  private final Path dir;

  public TripStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The file of {@code testName}'s record. */
  public Path fileOf(String testName) {
    return dir.resolve(testName + SUFFIX);
  }

  /** Writes {@code record} atomically, creating the folder if needed; readable by everyone. */
  public void write(TripRecord record) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + record.trip().testName(), ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its defaults apply
    }
    try {
      Files.write(temp, json(record), StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temp, fileOf(record.trip().testName()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@code testName}'s record, or {@code null} when there is none. */
  public Stored read(String testName) {
    Path file = fileOf(testName);
    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        return new Stored(testName, file, null, "is larger than " + MAX_BYTES + " bytes");
      }
      return new Stored(testName, file, parse(bytes), null);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      String reason = Files.isSymbolicLink(file) ? "it is a symbolic link"
          : e.getMessage() != null ? e.getMessage() : e.toString();
      return new Stored(testName, file, null, "cannot be read: " + reason);
    }
  }

  /** Every record in the folder, by file name; an absent folder has none. */
  public List<Stored> list() throws IOException {
    List<Stored> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Stored stored = read(name.substring(0, name.length() - SUFFIX.length()));
        if (stored != null) {
          all.add(stored);
        }
      }
    }
    all.sort((a, b) -> a.testName().compareTo(b.testName()));
    return all;
  }

  /** Removes {@code testName}'s record (the link itself if it is one); false if there was none. */
  public boolean remove(String testName) throws IOException {
    return Files.deleteIfExists(fileOf(testName));
  }

  static byte[] json(TripRecord record) throws IOException {
    Trip trip = record.trip();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("test_name", trip.testName());
      json.writeStringField("host", trip.host());
      json.writeStringField("condition", trip.condition());
      json.writeStringField("figures", trip.figures());
      json.writeStringField("tripped_at", Instant.ofEpochMilli(trip.epochMillis()).toString());
      json.writeStringField("until", Instant.ofEpochMilli(trip.untilEpochMillis()).toString());
      json.writeNumberField("tripped_rate", round(trip.trippedRate()));
      json.writeFieldName("held_rate");
      if (trip.hasHeldRate()) {
        json.writeNumber(round(trip.heldRate()));
      } else {
        json.writeNull();
      }
      json.writeStringField("rate", record.rate());
      json.writeStringField("test_type", record.testType());
      json.writeStringField("line", record.line());
      json.writeNumberField("window_s", record.windowSeconds());
      json.writeNumberField("ran", record.ran());
      json.writeNumberField("failed", record.failed());
      json.writeNumberField("dropped", record.dropped());
      json.writeNumberField("tripped_epoch_ms", trip.epochMillis());
      json.writeNumberField("until_epoch_ms", trip.untilEpochMillis());
      json.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** Rates to a tenth of an execution per minute: enough for any reader, stable in diffs. */
  private static double round(double perMinute) {
    return Math.round(perMinute * 10) / 10.0;
  }

  static TripRecord parse(byte[] bytes) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else {
          fields.put(name, value.isNumeric() ? parser.getNumberValue()
              : value == JsonToken.VALUE_NULL ? null : parser.getText());
        }
      }
    }
    Trip trip = new Trip(text(fields, "test_name"), text(fields, "host"), text(fields, "condition"),
        text(fields, "figures"), number(fields, "tripped_epoch_ms").longValue(),
        number(fields, "until_epoch_ms").longValue(), number(fields, "tripped_rate").doubleValue(),
        fields.get("held_rate") == null ? Double.NaN : number(fields, "held_rate").doubleValue());
    return new TripRecord(trip, text(fields, "test_type"), text(fields, "line"),
        text(fields, "rate"), number(fields, "ran").longValue(), number(fields, "failed").longValue(),
        number(fields, "dropped").longValue(), number(fields, "window_s").intValue());
  }

  private static String text(Map<String, Object> fields, String name) throws IOException {
    if (!(fields.get(name) instanceof String value)) {
      throw new IOException("\"" + name + "\" is missing or not a string");
    }
    return value;
  }

  private static Number number(Map<String, Object> fields, String name) throws IOException {
    if (!(fields.get(name) instanceof Number value)) {
      throw new IOException("\"" + name + "\" is missing or not a number");
    }
    return value;
  }
}
