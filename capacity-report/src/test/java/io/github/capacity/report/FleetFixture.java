package io.github.capacity.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Results of three hosts, two tests, two minutes: five executions a second per test and host,
 * every 25th failing with a timeout and every 40th dropped, a guardrail trip, a load shape, a
 * cut-off line, a corrupt line and a line of a kind the report does not know. web3's file is
 * gzipped and in a subfolder, as when a fleet's files are gathered one folder per host.
 */
final class FleetFixture {
  static final long T0 = 1_796_292_000_000L; // 2026-12-03T10:00:00Z
  static final int SECONDS = 120;
  static final int PER_SECOND = 5;
  static final String[] HOSTS = {"web1", "web2", "web3"};
  static final String[] TESTS = {"shop.cart", "shop.home"};

  private FleetFixture() {}

  /** Writes the files; returns the number of one-second buckets they span. */
  static int write(Path folder) throws IOException {
    long lastMillis = T0;
    Lines lines = new Lines();
    for (String host : HOSTS) {
      boolean gzip = host.equals("web3");
      Path file = gzip ? folder.resolve(host).resolve("results-2026-12-03.jsonl.gz")
          : folder.resolve("results-2026-12-03-" + host + ".jsonl");
      Files.createDirectories(file.getParent());
      try (OutputStream raw = Files.newOutputStream(file);
          OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
          Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        int n = 0;
        for (int second = 0; second < SECONDS; second++) {
          for (int i = 0; i < PER_SECOND; i++, n++) {
            for (String test : TESTS) {
              long planned = T0 + second * 1000L + i * (1000L / PER_SECOND) + host.charAt(3);
              long service = 5 + (n * 7L) % 40 + (test.equals("shop.cart") ? 20 : 0);
              long lag = n % 10 == 0 ? 30 : 0;
              String line = n % 40 == 39 ? lines.dropped(test, host, planned)
                  : n % 25 == 24 ? lines.failed(test, host, planned, 2000, "timeout")
                  : lines.ok(test, host, planned, lag, service);
              lastMillis = Math.max(lastMillis, planned + (n % 40 == 39 ? 0 : n % 25 == 24 ? 2000 : lag + service));
              writer.write(line + "\n");
            }
          }
          if (second % 60 == 59) {
            long minute = T0 + (second - 59) * 1000L;
            writer.write("{\"kind\":\"minute\",\"test_name\":\"shop.home\",\"host\":\"" + host
                + "\",\"minute_epoch_ms\":" + minute + ",\"planned\":300,\"skipped\":6,"
                + "\"shape\":\"ramp(300,600,10m)@2026-12-03T10:00:00Z\"}\n");
          }
        }
        if (host.equals("web1")) {
          writer.write("{\"kind\":\"guardrail_trip\",\"test_name\":\"shop.cart\",\"host\":\"web1\",\"epoch_ms\":"
              + (T0 + 90_000) + ",\"condition\":\"p99 > 40ms\"}\n");
          writer.write("{\"kind\":\"heartbeat\",\"host\":\"web1\"}\n");
          writer.write("{\"kind\":\"execution\",\"test_name\":\"shop.home\",\"ho\n");
          writer.write("not json at all\n");
        }
      }
    }
    return (int) ((lastMillis - T0) / 1000 + 1);
  }
}
