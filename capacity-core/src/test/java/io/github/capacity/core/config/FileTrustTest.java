package io.github.capacity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.capacity.core.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StrictModes: files that others can change never steer a run. */
class FileTrustTest {
  static final String CHMOD = ", expected only its owner to write it: chmod go-w it, or set"
      + " strict_modes = off (dangerous: whoever can write it steers the runs)";

  @TempDir Path dir;

  @Test
  void aTestsFileWritableByGroupIsRefusedNamingOwnerAndMode() throws IOException {
    Path tests = write(dir.resolve("tests.json"), "{}", "rw-rw-r--");

    DefinitionsFile read = DefinitionsFile.read(tests);

    assertThat(read.errors()).extracting(ConfigError::toString).containsExactly(tests
        + ": is writable by group (owner " + owner(tests) + ", mode 0664)" + CHMOD);
  }

  @Test
  void aConfigFolderWritableByOthersIsRefusedAndNamed() throws IOException {
    Path confD = Files.createDirectory(dir.resolve("conf.d"));
    write(confD.resolve("shop.conf"), "shop|homepage|60|file\n", "rw-r--r--");
    Files.setPosixFilePermissions(confD, PosixFilePermissions.fromString("rwxr-xrwx"));

    ConfigSource.Snapshot read = ConfigFiles.read(confD);

    assertThat(read.lines()).isEmpty();
    assertThat(read.errors()).extracting(ConfigError::toString).containsExactly(confD
        + ": is writable by others (owner " + owner(confD) + ", mode 0757)" + CHMOD);
  }

  @Test
  void aFileInAFolderOthersCanWriteIsRefusedNamingTheFolder() throws IOException {
    Path etc = Files.createDirectory(dir.resolve("etc"));
    Path tests = write(etc.resolve("destinations.json"), "{}", "rw-r--r--");
    Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(DefinitionsFile.read(tests).errors()).extracting(ConfigError::toString)
        .containsExactly(tests + ": its folder " + etc + " is writable by group and others (owner "
            + owner(etc) + ", mode 0777)" + CHMOD);
  }

  @Test
  void aStickyFolderSuchAsTmpMayBeWritableByAll() throws IOException {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 01777);
    Path conf = write(shared.resolve("shop.conf"), "shop|homepage|60|file\n", "rw-r--r--");

    assertThat(ConfigFiles.read(conf).errors()).isEmpty();
  }

  @Test
  void aFileOwnedByAnotherUserIsRefused() throws IOException {
    Path conf = write(dir.resolve("shop.conf"), "shop|homepage|60|file\n", "rw-r--r--");
    long ourUid = ((Number) Files.getAttribute(conf, "unix:uid")).longValue();
    FileTrust trust;
    String runningUser;
    if (ourUid == 0) { // root may give the file away
      Files.setAttribute(conf, "unix:uid", 4242);
      trust = FileTrust.STRICT;
      runningUser = System.getProperty("user.name");
    } else { // else we pretend to be someone else
      trust = new FileTrust(true, ourUid + 1, "someone");
      runningUser = "someone";
    }

    ConfigSource.Snapshot read = ConfigFiles.read(conf, trust);

    assertThat(read.errors()).extracting(ConfigError::toString).containsExactly(conf
        + ": is owned by " + owner(conf) + " (owner " + owner(conf) + ", mode 0644), expected root"
        + " or the user running capacity (" + runningUser + "): chown it, or set strict_modes = off"
        + " (dangerous: whoever can write it steers the runs)");
  }

  @Test
  void relaxedTrustAcceptsWhatStrictRefuses() throws IOException {
    Path tests = write(dir.resolve("tests.json"), "{}", "rw-rw-rw-");

    assertThat(DefinitionsFile.read(tests, FileTrust.RELAXED).errors()).isEmpty();
  }

  @Test
  void theSettingsFileIsAlwaysChecked() throws IOException {
    Path settings = write(dir.resolve("capacity.properties"), "max.instances = 2\n", "rw-rw-rw-");

    assertThatThrownBy(() -> Settings.load(settings, dir)).isInstanceOf(ConfigException.class)
        .hasMessage(settings + ": is writable by group and others (owner " + owner(settings)
            + ", mode 0666)" + CHMOD);
  }

  @Test
  void aSymbolicLinkIsJudgedByItsTarget() throws IOException {
    Path real = write(dir.resolve("real.json"), "{}", "rw-rw-rw-");
    Path link = Files.createSymbolicLink(dir.resolve("tests.json"), real);

    assertThat(DefinitionsFile.read(link).errors()).extracting(ConfigError::toString)
        .containsExactly(link + ": links to " + real + ", which is writable by group and others (owner "
            + owner(real) + ", mode 0666)" + CHMOD);
  }

  static Path write(Path file, String text, String permissions) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  static String owner(Path path) throws IOException {
    return Files.getOwner(path).getName();
  }
}
