package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One simulated host of the fleet: its own root folder standing for {@code /}, under which the
 * role installs and writes everything ({@code opt/}, {@code etc/capacity/}, {@code var/log/...}),
 * so its lock, log, settings and lines are its own. The folders a Debian host already has
 * ({@code etc/cron.d}, {@code etc/tmpfiles.d}, {@code etc/systemd/system}) are made here.
 */
record SimulatedHost(String name, Path root) {
  static SimulatedHost create(String name, Path parent) throws IOException {
    Path root = Files.createDirectories(parent.resolve(name));
    for (String system : new String[] {"etc/cron.d", "etc/tmpfiles.d", "etc/systemd/system"}) {
      Files.createDirectories(root.resolve(system));
    }
    return new SimulatedHost(name, root);
  }

  Path etc() {
    return root.resolve("etc/capacity");
  }

  Path lines() {
    return etc().resolve("conf.d/ansible.conf");
  }

  Path stopFile() {
    return etc().resolve("stop");
  }

  Path cronFile() {
    return root.resolve("etc/cron.d/capacity");
  }

  Path logDir() {
    return root.resolve("var/log/capacity");
  }

  /** What the cron runs of this host printed; cron would mail it. */
  Path cronOutput() {
    return root.resolve("cron-output");
  }
}
