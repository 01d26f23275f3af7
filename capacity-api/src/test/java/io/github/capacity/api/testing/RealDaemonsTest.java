package io.github.capacity.api.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealDaemonsTest {
  @Test
  void aMissingDaemonSkipsOnADevelopersMachineAndFailsInCi() {
    Class<? extends Throwable> expected =
        RealDaemons.inCi() ? AssertionFailedError.class : TestAbortedException.class;

    assertThatThrownBy(() -> RealDaemons.requireExecutable("a real nginx", "apt-get install nginx",
        Path.of("/nonexistent/sbin/nginx")))
        .isInstanceOf(expected)
        .hasMessageEndingWith("needs a real nginx (/nonexistent/sbin/nginx is missing):"
            + " apt-get install nginx, as .ci/run does");
  }

  @Test
  void anInstalledOneIsUsed() {
    assertThatCode(() -> RealDaemons.requireExecutable("a shell", "apt-get install dash",
        Path.of("/bin/sh"))).doesNotThrowAnyException();
  }
}
