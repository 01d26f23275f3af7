package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Cron for the simulated hosts: at every minute boundary of the wall clock it reads each host's
 * {@code /etc/cron.d} file as the role wrote it and starts its command the way cron does
 * ({@code /bin/sh -c}, the file's variables in a minimal environment, output to a file where cron
 * would mail it). It understands what the role writes and refuses anything else: variable lines
 * and {@code * * * * * user command} entries for the user running the test.
 */
final class CronScheduler implements AutoCloseable {
  /** One started run: the host, the minute it was started for, the process and its output. */
  record Started(SimulatedHost host, long minuteMillis, Process process, Path stdout, Path stderr) {}

  private final List<SimulatedHost> hosts;
  private final String user = System.getProperty("user.name");
  private final List<Started> started = new CopyOnWriteArrayList<>();
  private final List<Throwable> problems = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  CronScheduler(List<SimulatedHost> hosts) {
    this.hosts = List.copyOf(hosts);
    this.thread = new Thread(this::loop, "simulated cron");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long now = System.currentTimeMillis();
      long next = (now / 60_000 + 1) * 60_000;
      try {
        // cron wakes at the minute: this is a wait for wall-clock time, as cron's own
        Thread.sleep(next - now);
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      for (SimulatedHost host : hosts) {
        try {
          if (Files.exists(host.cronFile())) {
            start(host, next);
          }
        } catch (IOException | RuntimeException e) {
          problems.add(new AssertionError(host.name() + ": " + e.getMessage(), e));
        }
      }
    }
  }

  private void start(SimulatedHost host, long minuteMillis) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", "/usr/bin:/bin");
    environment.put("HOME", System.getProperty("user.home"));
    environment.put("LOGNAME", user);
    environment.put("SHELL", "/bin/sh");
    List<String> commands = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(host.cronFile())) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (text.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        environment.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
        continue;
      }
      String[] fields = text.split("\\s+", 7);
      if (fields.length != 7 || !String.join(" ", List.of(fields).subList(0, 5)).equals("* * * * *")) {
        throw new IOException(host.cronFile() + ":" + number + ": expected \"* * * * * user command\": " + line);
      }
      if (!fields[5].equals(user)) {
        throw new IOException(host.cronFile() + ":" + number + ": user " + fields[5]
            + ", expected " + user + " (the test runs every host's cron as its own user)");
      }
      commands.add(fields[6]);
    }
    Files.createDirectories(host.cronOutput());
    for (String command : commands) {
      String tag = Instant.ofEpochMilli(minuteMillis).toString().replace(':', '-') + "-" + started.size();
      Path out = host.cronOutput().resolve(tag + ".out");
      Path err = host.cronOutput().resolve(tag + ".err");
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
          .directory(new java.io.File(System.getProperty("user.home")))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      started.add(new Started(host, minuteMillis, builder.start(), out, err));
    }
  }

  /** The runs started so far. */
  List<Started> started() {
    return List.copyOf(started);
  }

  /** What went wrong reading a cron file or starting a run; empty when all was well. */
  List<Throwable> problems() {
    return List.copyOf(problems);
  }

  /** Starts no more runs, waits up to {@code waitMillis} for those running, then kills the rest. */
  void stop(long waitMillis) throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    long deadline = System.currentTimeMillis() + waitMillis;
    for (Started run : started) {
      long left = Math.max(0, deadline - System.currentTimeMillis());
      if (!run.process().waitFor(left, TimeUnit.MILLISECONDS)) {
        run.process().descendants().forEach(ProcessHandle::destroyForcibly); // the first run's java is a child
        run.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() {
    try {
      stop(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
