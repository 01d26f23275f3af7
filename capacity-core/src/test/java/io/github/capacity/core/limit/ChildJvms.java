package io.github.capacity.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link LockChild} JVMs, reads their lines with bounded waits, and kills them all in
 * {@link #destroyAll()}. Not thread safe; one test drives it.
 */
final class ChildJvms {
  static final long LINE_TIMEOUT_SECONDS = 60;

  private final List<Process> processes = new ArrayList<>();
  private final Map<Process, BufferedReader> stdouts = new HashMap<>();

  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + "/bin/java",
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"),
        LockChild.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    processes.add(process);
    stdouts.put(process, new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    return process;
  }

  /** The child's next stdout line, waiting at most a minute (JVMs start slowly on a busy host). */
  String readLine(Process process) throws Exception {
    BufferedReader reader = stdouts.get(process);
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return reader.readLine();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }).get(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(line).as("a line from child %s", process.pid()).isNotNull();
    return line;
  }

  void writeLine(Process process, String line) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Kills a child with SIGKILL and waits for it to be gone. */
  void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child exited").isTrue();
  }

  void destroyAll() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    processes.clear();
    stdouts.clear();
  }
}
