package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The fleet test's figures, as a Markdown table written at the end (also when it failed). */
final class FleetReport {
  private final int hosts;
  private final List<String> minutes = new ArrayList<>();
  private final Map<String, Long> changeMillis = new TreeMap<>();
  private final List<String> plays = new ArrayList<>();
  private String spacing = "not measured";
  private String stop = "not measured";

  FleetReport(int hosts) {
    this.hosts = hosts;
  }

  void minute(String what, long minuteMillis, int requested, int served) {
    minutes.add(String.format(Locale.ROOT, "| %s (%s) | %d | %d |", what, Instant.ofEpochMilli(minuteMillis),
        requested, served));
  }

  void ansible(String what, Ansible.Run run) {
    plays.add("| ansible-playbook: " + what + " | " + (run.endMillis() - run.startMillis()) + " ms |");
  }

  void spacing(double fleetCv, double oneHostCv, double fleetGapMillis, List<Double> phaseSpacings) {
    spacing = String.format(Locale.ROOT, "%.3f (one host's: %.3f); the hosts' phases %s ms apart (plan: %.1f)",
        fleetCv, oneHostCv, phaseSpacings.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(),
        fleetGapMillis);
  }

  void change(String host, long latencyMillis) {
    changeMillis.put(host, latencyMillis);
  }

  void stop(long spreadMillis, long silentAfterMillis, long slowestHostMillis) {
    stop = silentAfterMillis + " ms after the last host's stop file (the files landed over "
        + spreadMillis + " ms); each host's last request at most " + slowestHostMillis
        + " ms after its own stop file";
  }

  void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("Fleet of " + hosts + " simulated hosts (FleetIT), " + Instant.now() + ":");
    lines.add("");
    lines.add("| minute | requested total | served total |");
    lines.add("| --- | ---: | ---: |");
    lines.addAll(minutes);
    lines.add("");
    lines.add("| figure | value |");
    lines.add("| --- | --- |");
    lines.add("| combined gap CV, first minute (middle 58 s) | " + spacing + " |");
    lines.add("| rate change, file landed to new rate at the target | "
        + (changeMillis.isEmpty() ? "not measured" : changeMillis.toString().replaceAll("[{}]", "") + " ms") + " |");
    lines.add("| stop, last arrival | " + stop + " |");
    lines.addAll(plays);
    String text = String.join("\n", lines) + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
    System.out.print(text);
  }
}
