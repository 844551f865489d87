package windlass.kubelet.pod;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import windlass.cri.v1.PodSandbox;
import windlass.crishim.CriRuntime;

/**
 * Removes this node's sandboxes (label windlass.io/node-name) whose pod the kubelet no longer has: pods deleted
 * while the kubelet was down, or torn down half-way. Run after the first pod list and then periodically. Running
 * sandboxes of pods that still exist are left alone: their workers adopt them.
 */
public final class Housekeeping {
  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
  private final CriRuntime cri;
  private final PodSyncer syncer;
  private final String nodeName;
  private final Supplier<Set<String>> knownUids;

  public Housekeeping(CriRuntime cri, PodSyncer syncer, String nodeName, Supplier<Set<String>> knownUids) {
    this.cri = cri;
    this.syncer = syncer;
    this.nodeName = nodeName;
    this.knownUids = knownUids;
  }

  /** Returns the uids it tore down. */
  public Set<String> removeOrphans() {
    // list first, then read the known pods: a sandbox listed here was made by a worker that is already known
    var sandboxes = cri.listPodSandbox(Map.of(CriLabels.NODE_NAME, nodeName));
    Set<String> known = knownUids.get();
    Set<String> removed = new HashSet<>();
    for (PodSandbox s : sandboxes) {
      String uid = s.getLabelsOrDefault(CriLabels.POD_UID, "");
      if (uid.isEmpty() || known.contains(uid) || removed.contains(uid)) {
        continue;
      }
      String ns = s.getLabelsOrDefault(CriLabels.POD_NAMESPACE, "");
      String name = s.getLabelsOrDefault(CriLabels.POD_NAME, "");
      LOG.info("removing sandboxes of pod " + ns + "/" + name + " (uid " + uid + "): the pod no longer exists");
      syncer.teardown(uid, ns, name, Duration.ZERO);
      removed.add(uid);
    }
    return removed;
  }
}
