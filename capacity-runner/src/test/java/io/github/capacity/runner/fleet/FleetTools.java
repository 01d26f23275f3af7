package io.github.capacity.runner.fleet;

import io.github.capacity.api.testing.NginxProcess;
import io.github.capacity.api.testing.RealDaemons;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the fleet test needs from the machine, and the variables that make a folder a host. */
final class FleetTools {
  private FleetTools() {}

  /**
   * Ansible, nginx and an ssh client (for the unreachable host) must be installed: in CI a missing
   * one fails the test, elsewhere it skips it, naming the packages.
   */
  static void require() {
    RealDaemons.requireExecutable("Ansible", "apt-get install ansible", onPath("ansible-playbook"));
    RealDaemons.requireExecutable("nginx", "apt-get install nginx", NginxProcess.BINARY);
    RealDaemons.requireExecutable("an ssh client", "apt-get install openssh-client", onPath("ssh"));
  }

  /** {@code program} as found on {@code PATH}, else where Debian installs it. */
  private static Path onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return Path.of("/usr/bin", program);
  }

  /**
   * The role's variables for a simulated host: a local connection, every path under the host's
   * {@code capacity_root} (an inventory variable), the runs and the files owned by the user running
   * the test (root in CI), Java as the test's own, and no package or system user installed.
   */
  static Map<String, Object> simulatedHostVars() throws IOException {
    Path probe = Files.createTempFile("capacity-owner", ".probe");
    PosixFileAttributes owner = Files.readAttributes(probe, PosixFileAttributes.class);
    Files.delete(probe);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("ansible_connection", "local");
    vars.put("ansible_python_interpreter", "{{ ansible_playbook_python }}");
    vars.put("ansible_become", false);
    vars.put("capacity_tarball", System.getProperty("capacity.distribution"));
    vars.put("capacity_manage_user", false);
    vars.put("capacity_user", owner.owner().getName());
    vars.put("capacity_group", owner.group().getName());
    vars.put("capacity_config_owner", owner.owner().getName());
    vars.put("capacity_config_group", owner.group().getName());
    vars.put("capacity_java_packages", List.of());
    vars.put("capacity_java_home", System.getProperty("java.home"));
    vars.put("capacity_install_root", "{{ capacity_root }}/opt");
    vars.put("capacity_etc_dir", "{{ capacity_root }}/etc/capacity");
    vars.put("capacity_log_dir", "{{ capacity_root }}/var/log/capacity");
    vars.put("capacity_lock_dir", "{{ capacity_root }}/var/lock/capacity");
    vars.put("capacity_spool_dir", "{{ capacity_root }}/var/spool/capacity");
    vars.put("capacity_trips_dir", "{{ capacity_root }}/var/lib/capacity/trips");
    vars.put("capacity_candidate_dir", "{{ capacity_root }}/var/lib/capacity/candidate");
    vars.put("capacity_tmpfiles_file", "{{ capacity_root }}/etc/tmpfiles.d/capacity.conf");
    vars.put("capacity_cron_file", "{{ capacity_root }}/etc/cron.d/capacity");
    vars.put("capacity_systemd_dir", "{{ capacity_root }}/etc/systemd/system");
    vars.put("capacity_systemd_manage", false);
    vars.put("capacity_settings", Map.of("drain.timeout", "2s"));
    return vars;
  }

  /** A host's variables that make it unreachable: ssh to a port of 127.0.0.1 nothing listens on. */
  static Map<String, Object> unreachable() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    return Map.of("ansible_connection", "ssh", "ansible_host", "127.0.0.1", "ansible_port", port,
        "ansible_ssh_common_args", "-o ConnectTimeout=5 -o BatchMode=yes -o UserKnownHostsFile=/dev/null");
  }

  /**
   * Copies what explains a failure out of the test's temporary folder, which JUnit removes: the
   * target's access log, the playbooks' output and each host's {@code capacity.log}.
   */
  static void keepLogs(Path work, Path into) throws IOException {
    Files.createDirectories(into);
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.equals("access.log") || name.equals("capacity.log") || name.startsWith("ansible-")) {
          Path relative = work.relativize(file);
          Files.copy(file, into.resolve(relative.toString().replace('/', '_')), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
