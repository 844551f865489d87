package windlass.kubelet.pod;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kubelet owns its pods' cgroup parents (runc never removes them): after a pod's sandboxes are gone, rmdir
 * {@code <root>/<controller>/windlass/pod<uid>} in each cgroup-v1 hierarchy, or {@code <root>/windlass/pod<uid>} on v2.
 */
public final class PodCgroups {
  private static final Logger LOG = Logger.getLogger(PodCgroups.class.getName());
  private final Path root;

  public PodCgroups(Path root) {
    this.root = root;
  }

  public void remove(String podUid) {
    String rel = SandboxConfigFactory.cgroupParent(podUid).substring(1);
    List<Path> candidates = new ArrayList<>();
    candidates.add(root.resolve(rel));
    try (var dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory).forEach(d -> candidates.add(d.resolve(rel)));
    } catch (IOException e) {
      return; // no cgroup fs here (tests, other OS)
    }
    for (Path p : candidates) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException e) {
        // not in this hierarchy
      } catch (DirectoryNotEmptyException e) {
        LOG.log(Level.FINE, "cgroup " + p + " still has children", e);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot remove cgroup " + p + ": " + e);
      }
    }
  }
}
