package io.github.capacity.runner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.capacity.runner.fleet.Ansible.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of five simulated hosts on this machine, installed and steered by the real {@code
 * ansible-playbook} with the project's role and example playbooks, its cron runs started at each
 * minute boundary, loading one nginx. Over four minutes: the fleet's total per minute is exact,
 * the combined stream evenly spaced, a rate change lands on every reachable host and takes effect
 * within a second, a host whose play failed keeps its old configuration, and the stop playbook
 * silences the fleet within 300 ms of the last host's stop file. Run by the {@code fleet}
 * profile ({@code ./mvnw -Pfleet verify}, as {@code .ci/run} does); it writes its figures to
 * {@code target/fleet-report.md}.
 */
class FleetIT {
  private static final int HOSTS = 5;
  private static final int FIRST_TOTAL = 602;
  private static final int SECOND_TOTAL = 1802;
  /** Per host, about 500 ms between executions before the change and 166 ms after. */
  private static final long FASTER_THAN_MILLIS = 300;

  @TempDir Path work;

  @Test
  void aFleetStartsChangesAndStopsTogetherUnderAnsible() throws Exception {
    FleetTools.require();
    Path project = Path.of(System.getProperty("capacity.project.root"));
    List<SimulatedHost> hosts = new ArrayList<>();
    for (int i = 1; i <= HOSTS; i++) {
      hosts.add(SimulatedHost.create("h" + i, work.resolve("hosts")));
    }
    Inventory inventory = new Inventory(work.resolve("inventory"));
    Ansible ansible = new Ansible(project.resolve("deploy/ansible/roles"),
        project.resolve("deploy/ansible/examples"), work);
    FleetReport report = new FleetReport(HOSTS);

    try (FleetTarget target = FleetTarget.start(work.resolve("nginx"));
        CronScheduler cron = new CronScheduler(hosts)) {
      inventory.write(hosts, groupVars(target, FIRST_TOTAL), Map.of());
      Run preview = ansible.play(inventory.hostsFile(), "site.yml", "--check", "--diff");
      assertThat(preview.exitCode()).as("%s", preview).isZero();
      hosts.forEach(h -> assertThat(h.etc()).as("check mode wrote nothing").doesNotExist());

      Run install = ansible.play(inventory.hostsFile(), "site.yml");
      report.ansible("install (site.yml)", install);
      assertThat(install.exitCode()).as("%s", install).isZero();
      for (SimulatedHost host : hosts) {
        assertThat(install.of(host.name()).changed()).as("%s", install).isPositive();
        assertInstalled(host);
      }

      try (LandingWatch watch = new LandingWatch(watched(hosts))) {
        long m1 = nextMinute(install.endMillis());
        sleepUntil(m1 + 1_000);
        // The change: h4 is unreachable, h5 has a typo in its own lines; both must keep running as before.
        Map<String, Map<String, Object>> faults = Map.of(
            "h4", FleetTools.unreachable(),
            "h5", Map.of("capacity_tests", List.of(line(SECOND_TOTAL), "fleet.typo|home|fleet:sixty|file")));
        inventory.write(hosts, groupVars(target, SECOND_TOTAL), faults);
        Run diff = ansible.play(inventory.hostsFile(), "site.yml", "--tags", "configure", "--check", "--diff");
        assertThat(diff.output()).as("%s", diff)
            .contains("-" + line(FIRST_TOTAL), "+" + line(SECOND_TOTAL), "fleet:sixty");
        assertThat(diff.of("h5").failed()).as("check mode runs the check: %s", diff).isEqualTo(1);
        hosts.forEach(h -> assertThat(h.lines()).as("check mode changed nothing").content().contains(line(FIRST_TOTAL)));

        sleepUntil(changeTime(m1));
        Run change = ansible.play(inventory.hostsFile(), "site.yml", "--tags", "configure");
        report.ansible("change (site.yml --tags configure)", change);
        assertChange(change, hosts);
        long m3 = nextMinute(change.endMillis());

        sleepUntil(m3 + 65_000);
        inventory.write(hosts, groupVars(target, SECOND_TOTAL), Map.of());
        Run stop = ansible.play(inventory.hostsFile(), "stop.yml");
        report.ansible("stop (stop.yml)", stop);
        assertThat(stop.exitCode()).as("%s", stop).isZero();
        cron.stop(30_000); // every run exits on the stop file; none starts again before resume
        Run resume = ansible.play(inventory.hostsFile(), "resume.yml");
        assertThat(resume.exitCode()).as("%s", resume).isZero();
        hosts.forEach(h -> assertThat(h.stopFile()).doesNotExist());

        Arrivals arrivals = new Arrivals(target.arrivals());
        assertExactMinute(report, "all at fleet:" + FIRST_TOTAL, arrivals, hosts, m1,
            shares(FIRST_TOTAL, FIRST_TOTAL, FIRST_TOTAL, FIRST_TOTAL, FIRST_TOTAL));
        assertExactMinute(report, "h1-h3 at fleet:" + SECOND_TOTAL + ", h4 h5 kept fleet:" + FIRST_TOTAL,
            arrivals, hosts, m3, shares(SECOND_TOTAL, SECOND_TOTAL, SECOND_TOTAL, FIRST_TOTAL, FIRST_TOTAL));
        assertEvenlySpaced(report, arrivals, hosts, m1, FIRST_TOTAL);
        assertChangeTookEffect(report, arrivals, watch, hosts, change);
        assertStoppedTogether(report, arrivals, watch, hosts, stop);
        assertQuietRuns(cron);

        // h4 and h5 back in order: the whole role again brings them to the change, and is
        // idempotent on the hosts that already had it.
        Run recovery = ansible.play(inventory.hostsFile(), "site.yml");
        assertThat(recovery.exitCode()).as("%s", recovery).isZero();
        for (SimulatedHost host : hosts) {
          assertThat(recovery.of(host.name()).changed()).as("%s", recovery)
              .isEqualTo(host.name().equals("h4") || host.name().equals("h5") ? 1 : 0);
          assertThat(host.lines()).content().contains(line(SECOND_TOTAL)).doesNotContain("sixty");
        }
      }
    } finally {
      Path reportFile = Path.of(System.getProperty("capacity.fleet.report", "target/fleet-report.md"));
      report.write(reportFile);
      FleetTools.keepLogs(work, reportFile.resolveSibling("fleet-logs"));
    }
  }

  private static Map<String, Object> groupVars(FleetTarget target, int total) throws IOException {
    Map<String, Object> vars = new LinkedHashMap<>(FleetTools.simulatedHostVars());
    vars.put("capacity_test_definitions", Map.of("home", Map.of("type", "http",
        "url", target.url("/{{ inventory_hostname }}"), "timeout", "2s")));
    vars.put("capacity_tests", List.of(line(total)));
    return vars;
  }

  private static String line(int total) {
    return "fleet.home|home|fleet:" + total + "|file";
  }

  /** Host i's share of each host's fleet total: ceil((total - i) / N), as the fleet rate defines it. */
  private static int[] shares(int... totals) {
    int[] shares = new int[totals.length];
    for (int i = 0; i < totals.length; i++) {
      shares[i] = (totals[i] - i + HOSTS - 1) / HOSTS;
    }
    return shares;
  }

  private static void assertInstalled(SimulatedHost host) throws IOException {
    for (Path file : List.of(host.etc().resolve("capacity.properties"), host.etc().resolve("tests.json"),
        host.lines(), host.cronFile())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file).isEqualTo("rw-r--r--");
    }
    assertThat(host.etc().resolve("capacity.properties")).content()
        .contains("host=" + host.name(), "fleet.size=" + HOSTS, "fleet.index=" + (host.name().charAt(1) - '1'));
    assertThat(host.cronFile()).content().contains("* * * * * " + System.getProperty("user.name") + " "
        + host.root().resolve("opt/capacity/bin/capacity"));
  }

  private static void assertChange(Run change, List<SimulatedHost> hosts) {
    assertThat(change.exitCode()).as("%s", change).isNotZero();
    for (SimulatedHost host : hosts.subList(0, 3)) {
      assertThat(change.of(host.name()).failed()).as("%s", change).isZero();
      assertThat(host.lines()).content().contains(line(SECOND_TOTAL));
    }
    assertThat(change.of("h4").unreachable()).as("%s", change).isEqualTo(1);
    assertThat(change.of("h5").failed()).as("%s", change).isEqualTo(1);
    assertThat(change.output()).as("h5's check names its bad line").contains("fleet:sixty");
    for (SimulatedHost host : hosts.subList(3, 5)) {
      assertThat(host.lines()).content().contains(line(FIRST_TOTAL)).doesNotContain("sixty");
    }
  }

  private static void assertExactMinute(FleetReport report, String what, Arrivals arrivals,
      List<SimulatedHost> hosts, long minute, int[] shares) throws IOException {
    Map<String, Integer> served = arrivals.perHost(minute);
    int requested = 0;
    int total = 0;
    for (int i = 0; i < hosts.size(); i++) {
      SimulatedHost host = hosts.get(i);
      MinuteAccounts.Account account = MinuteAccounts.of(host, minute);
      assertThat(account.planned()).as("%s planned in %s", host.name(), what).isEqualTo(shares[i]);
      assertThat(account.ok()).as("%s ok in %s", host.name(), what).isEqualTo(shares[i]);
      assertThat(served.getOrDefault(host.name(), 0)).as("%s served in %s", host.name(), what).isEqualTo(shares[i]);
      requested += shares[i];
      total += served.getOrDefault(host.name(), 0);
    }
    assertThat(total).as("the fleet's total in %s", what).isEqualTo(requested);
    report.minute(what, minute, requested, total);
  }

  /**
   * Interleaved, not bursts: each host's phase within its own period (N fleet gaps) is one fleet
   * gap after the previous host's. Phases are circular means over the minute, so they hold on a
   * loaded machine, where the gap CV of a stream 100 ms apart mostly measures the load's jitter.
   */
  private static void assertEvenlySpaced(FleetReport report, Arrivals arrivals, List<SimulatedHost> hosts,
      long minute, int total) {
    // The minute's edges hold the start-up and the end of the runs: the middle 58 s.
    long from = minute + 1_000;
    long to = minute + 59_000;
    double fleetGap = 60_000.0 / total;
    List<Double> phases = new ArrayList<>();
    for (SimulatedHost host : hosts) {
      phases.add(arrivals.phaseMillis(host.name(), from, to, fleetGap * hosts.size()));
    }
    List<Double> spacings = new ArrayList<>();
    List<Double> sorted = phases.stream().sorted().toList();
    for (int i = 0; i < sorted.size(); i++) {
      double next = i + 1 < sorted.size() ? sorted.get(i + 1) : sorted.get(0) + fleetGap * hosts.size();
      spacings.add(next - sorted.get(i));
    }
    report.spacing(Arrivals.gapCv(arrivals.times(null, from, to)), Arrivals.gapCv(arrivals.times("h1", from, to)),
        fleetGap, spacings);
    assertThat(spacings).as("ms between the hosts' phases, expected each %.1f (phases %s)", fleetGap, phases)
        .allSatisfy(spacing -> assertThat(spacing).isBetween(0.7 * fleetGap, 1.3 * fleetGap));
  }

  private static void assertChangeTookEffect(FleetReport report, Arrivals arrivals, LandingWatch watch,
      List<SimulatedHost> hosts, Run change) {
    for (SimulatedHost host : hosts.subList(0, 3)) {
      long landed = watch.landed(host.lines(), change.startMillis());
      long latency = arrivals.fasterFrom(host.name(), landed, FASTER_THAN_MILLIS) - landed;
      report.change(host.name(), latency);
      assertThat(latency).as("%s: from its file landing to its new rate at the target", host.name()).isLessThan(1_000);
    }
    for (SimulatedHost host : hosts.subList(3, 5)) {
      assertThat(watch.hasLanded(host.lines(), change.startMillis())).as("%s got no file", host.name()).isFalse();
    }
  }

  private static void assertStoppedTogether(FleetReport report, Arrivals arrivals, LandingWatch watch,
      List<SimulatedHost> hosts, Run stop) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long slowestHost = Long.MIN_VALUE;
    for (SimulatedHost host : hosts) {
      long landed = watch.landed(host.stopFile(), stop.startMillis());
      first = Math.min(first, landed);
      last = Math.max(last, landed);
      List<Long> own = arrivals.times(host.name(), stop.startMillis() - 60_000, Long.MAX_VALUE);
      slowestHost = Math.max(slowestHost, own.isEmpty() ? Long.MIN_VALUE : own.get(own.size() - 1) - landed);
    }
    assertThat(arrivals.times(null, first - 1_000, first)).as("the fleet ran until the stop").isNotEmpty();
    long silentAfter = arrivals.last() - last;
    report.stop(last - first, silentAfter, slowestHost);
    assertThat(silentAfter).as("last arrival after the last host's stop file, ms").isLessThanOrEqualTo(300);
  }

  private static void assertQuietRuns(CronScheduler cron) throws IOException {
    assertThat(cron.problems()).isEmpty();
    assertThat(cron.started()).isNotEmpty();
    for (CronScheduler.Started run : cron.started()) {
      String where = run.host().name() + " " + run.stdout().getFileName();
      assertThat(run.process().exitValue()).as("%s exit status (0 ok, 4 stopped)", where).isIn(0, 4);
      assertThat(run.stdout()).as("%s stdout, mailed by cron", where).isEmptyFile();
      assertThat(run.stderr()).as("%s stderr, mailed by cron", where).isEmptyFile();
    }
  }

  private static List<Path> watched(List<SimulatedHost> hosts) {
    List<Path> folders = new ArrayList<>();
    hosts.forEach(h -> folders.addAll(List.of(h.etc(), h.lines().getParent())));
    return folders;
  }

  /** After the first minute, at second 5 or later, and early enough in its minute to land in it. */
  private static long changeTime(long m1) {
    long now = System.currentTimeMillis();
    long at = now % 60_000 <= 25_000 ? now : nextMinute(now) + 5_000;
    return Math.max(at, m1 + 65_000);
  }

  private static long nextMinute(long millis) {
    return (millis / 60_000 + 1) * 60_000;
  }

  /** Waits for a wall-clock instant: the fleet runs on the calendar minute, and so must its test. */
  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
