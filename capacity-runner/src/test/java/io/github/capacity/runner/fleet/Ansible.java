package io.github.capacity.runner.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code ansible-playbook} with the project's role on an inventory, every setting
 * in the environment (no {@code ansible.cfg} is read), its temporary files under {@code work}.
 */
final class Ansible {
  private static final Pattern RECAP = Pattern.compile(
      "^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)", Pattern.MULTILINE);
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** One host's line of the play recap. */
  record Recap(int ok, int changed, int unreachable, int failed) {}

  /** A finished run: its exit status, its whole output, the recap by host, when it started and ended. */
  record Run(String command, int exitCode, String output, Map<String, Recap> recap, long startMillis, long endMillis) {
    Recap of(String host) {
      Recap recap = this.recap.get(host);
      if (recap == null) {
        throw new AssertionError("no recap for " + host + " in the output of " + command + ":\n" + output);
      }
      return recap;
    }

    @Override
    public String toString() {
      return command + " exited " + exitCode + " in " + (endMillis - startMillis) + " ms:\n" + output;
    }
  }

  private final Path roles;
  private final Path playbooks;
  private final Path work;
  private int runs;

  Ansible(Path roles, Path playbooks, Path work) {
    this.roles = roles;
    this.playbooks = playbooks;
    this.work = work;
  }

  /** Runs {@code playbook} (a file of {@code deploy/ansible/examples}) with {@code options}. */
  Run play(Path inventory, String playbook, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(),
        playbooks.resolve(playbook).toString()));
    command.addAll(List.of(options));
    Path output = work.resolve("ansible-" + (++runs) + "-" + playbook + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    Path noConfig = work.resolve("empty-ansible.cfg");
    if (!Files.exists(noConfig)) {
      Files.writeString(noConfig, "# so that no ansible.cfg of the machine is read\n");
    }
    env.put("ANSIBLE_CONFIG", noConfig.toString());
    env.put("ANSIBLE_ROLES_PATH", roles.toString());
    env.put("ANSIBLE_LOCAL_TEMP", work.resolve("tmp-local").toString());
    env.put("ANSIBLE_REMOTE_TEMP", work.resolve("tmp-remote").toString());
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_FORCE_COLOR", "0");
    env.put("ANSIBLE_PIPELINING", "True");
    env.put("ANSIBLE_FORKS", "20");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
    env.put("ANSIBLE_HOST_KEY_CHECKING", "False");
    long start = System.currentTimeMillis();
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(command + " still running after " + TIMEOUT + ":\n" + Files.readString(output));
    }
    long end = System.currentTimeMillis();
    String text = Files.readString(output);
    Map<String, Recap> recap = new LinkedHashMap<>();
    Matcher m = RECAP.matcher(text.substring(Math.max(0, text.lastIndexOf("PLAY RECAP"))));
    while (m.find()) {
      recap.put(m.group(1), new Recap(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
    }
    return new Run(String.join(" ", command), process.exitValue(), text, recap, start, end);
  }
}
