package io.github.capacity.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether a file may steer a run, as OpenSSH's {@code StrictModes} decides for {@code
 * authorized_keys}: the file and every folder above it must be owned by root or by the user
 * running capacity, and writable by neither group nor others. A folder with the sticky bit (such
 * as {@code /tmp}) may be writable by all, since nobody can replace another's file in it. The run
 * is root or the cron user, so a file someone else can change would let them choose the traffic
 * (and, for a plugin jar, run their code).
 *
 * <p>For a symbolic link both the link's folders and the real file's are checked. On a file system
 * without Unix attributes nothing is checked. The setting {@code strict_modes = off} turns the
 * check off ({@link #RELAXED}); the settings file itself is always checked. Immutable, thread safe.
 */
public final class FileTrust {
  /** Refuses files others can change. */
  public static final FileTrust STRICT = new FileTrust(true, runningUid(), System.getProperty("user.name"));
  /** Trusts every file: {@code strict_modes = off}. */
  public static final FileTrust RELAXED = new FileTrust(false, -1, "");

  private static final int GROUP_WRITE = 0020;
  private static final int OTHERS_WRITE = 0002;
  private static final int STICKY = 01000;
  private static final int DIRECTORY = 0040000;

  private final boolean strict;
  private final long runningUid;
  private final String runningUser;

  FileTrust(boolean strict, long runningUid, String runningUser) {
    this.strict = strict;
    this.runningUid = runningUid;
    this.runningUser = runningUser;
  }

  /** {@link #STRICT} or {@link #RELAXED}. */
  public static FileTrust of(boolean strict) {
    return strict ? STRICT : RELAXED;
  }

  /**
   * What makes {@code path} untrusted, as an error message without the path (it names the folder
   * when a folder above is the problem); {@code null} when it may be used or does not exist.
   */
  public String problem(Path path) {
    if (!strict) {
      return null;
    }
    Path absolute = path.toAbsolutePath().normalize();
    Set<Path> checked = new LinkedHashSet<>();
    Path real;
    try {
      real = absolute.toRealPath();
    } catch (IOException e) {
      real = null; // missing, a loop or dangling: the reader reports what it is
    }
    if (real != null) {
      checked.add(real);
      addFolders(checked, real.getParent());
    }
    addFolders(checked, absolute.getParent());
    for (Path node : checked) {
      String problem = problemOf(node);
      if (problem != null) {
        if (!node.equals(real)) {
          return "its folder " + node + " " + problem;
        }
        return real.equals(absolute) ? problem : "links to " + real + ", which " + problem;
      }
    }
    return null;
  }

  /**
   * Throws a {@link ConfigException} naming {@code path} when {@link #problem} finds one.
   */
  public void check(Path path) throws ConfigException {
    String problem = problem(path);
    if (problem != null) {
      throw new ConfigException(new ConfigError(path.toString(), 0, problem));
    }
  }

  private static void addFolders(Set<Path> into, Path folder) {
    for (Path p = folder; p != null; p = p.getParent()) {
      into.add(p);
    }
  }

  private String problemOf(Path node) {
    Map<String, Object> attributes;
    UserPrincipal owner;
    try {
      attributes = Files.readAttributes(node, "unix:mode,uid");
      owner = Files.getOwner(node);
    } catch (NoSuchFileException e) {
      return null;
    } catch (UnsupportedOperationException | IOException e) {
      return null; // no Unix attributes (or gone meanwhile): nothing to check
    }
    int mode = (Integer) attributes.get("mode");
    long uid = ((Number) attributes.get("uid")).longValue();
    String seen = " (owner " + owner.getName() + ", mode " + String.format("%04o", mode & 07777) + ")";
    boolean ownerOk = uid == 0 || (runningUid >= 0 ? uid == runningUid
        : owner.getName().equals(runningUser));
    if (!ownerOk) {
      return "is owned by " + owner.getName() + seen + ", expected root or the user running capacity ("
          + runningUser + "): " + remedy("chown");
    }
    boolean stickyFolder = (mode & DIRECTORY) != 0 && (mode & STICKY) != 0;
    int writable = mode & (GROUP_WRITE | OTHERS_WRITE);
    if (writable != 0 && !stickyFolder) {
      String who = writable == (GROUP_WRITE | OTHERS_WRITE) ? "group and others"
          : writable == GROUP_WRITE ? "group" : "others";
      return "is writable by " + who + seen + ", expected only its owner to write it: "
          + remedy("chmod go-w");
    }
    return null;
  }

  private static String remedy(String command) {
    return command + " it, or set strict_modes = off (dangerous: whoever can write it steers the runs)";
  }

  /** The uid of this process, from {@code /proc/self}; -1 where that is not known. */
  private static long runningUid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
