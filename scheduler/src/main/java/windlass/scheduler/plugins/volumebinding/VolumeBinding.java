package windlass.scheduler.plugins.volumebinding;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.Status;

/**
 * Upstream's VolumeBinding, for claims that are already bound (no dynamic provisioning, no WaitForFirstConsumer
 * delayed binding yet). PreFilter: a pod without PersistentVolumeClaim volumes skips the plugin; a missing claim
 * rejects the pod ({@code persistentvolumeclaim "data" not found}), as does a claim being deleted or not yet bound
 * ({@code pod has unbound immediate PersistentVolumeClaims}). Filter: every bound volume's
 * {@code spec.nodeAffinity} must admit the node ({@code node(s) had volume node affinity conflict}).
 */
public final class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  public static final String NAME = "VolumeBinding";
  static final String UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
  static final String NODE_CONFLICT = "node(s) had volume node affinity conflict";

  /** The bound volumes of the pod's claims, computed once per cycle. */
  record BoundVolumes(List<V1.PersistentVolume> volumes) {}

  static final CycleState.Key<BoundVolumes> STATE = new CycleState.Key<>(NAME + "/bound", BoundVolumes.class);

  private final VolumeLister lister;

  public VolumeBinding(VolumeLister lister) {
    this.lister = lister;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, V1.Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    List<V1.PersistentVolume> bound = new ArrayList<>();
    boolean anyClaim = false;
    boolean unbound = false;
    for (V1.Volume v : pod.getSpec().getVolumesList()) {
      String claimName = claimName(pod, v);
      if (claimName == null) {
        continue;
      }
      anyClaim = true;
      Optional<V1.PersistentVolumeClaim> claim = lister.claim(ns, claimName);
      if (claim.isEmpty() && v.getVolumeSource().hasEphemeral()) {
        return Status.unresolvable("waiting for ephemeral volume controller to create the persistentvolumeclaim \""
            + claimName + "\"");
      }
      if (claim.isEmpty()) {
        return Status.unresolvable("persistentvolumeclaim \"" + claimName + "\" not found");
      }
      if (claim.get().getMetadata().hasDeletionTimestamp()) {
        return Status.unresolvable("persistentvolumeclaim \"" + claimName + "\" is being deleted");
      }
      String pvName = claim.get().getSpec().getVolumeName();
      if (pvName.isEmpty()) {
        unbound = true;
        continue;
      }
      Optional<V1.PersistentVolume> pv = lister.volume(pvName);
      if (pv.isEmpty()) {
        return Status.error("pvc " + ns + "/" + claimName + " bound to persistentvolume \"" + pvName
            + "\", which is not found");
      }
      bound.add(pv.get());
    }
    if (!anyClaim) {
      return Status.skip();
    }
    if (unbound) {
      return Status.unresolvable(UNBOUND_IMMEDIATE);
    }
    state.write(STATE, new BoundVolumes(bound));
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    List<V1.PersistentVolume> volumes = state.read(STATE).map(BoundVolumes::volumes).orElse(List.of());
    for (V1.PersistentVolume pv : volumes) {
      if (!VolumeNodeAffinity.allows(pv, node.node())) {
        return Status.unresolvable(NODE_CONFLICT);
      }
    }
    return Status.success();
  }

  /** The claim a volume uses: a persistentVolumeClaim source, or the claim an ephemeral volume creates. */
  private static String claimName(V1.Pod pod, V1.Volume v) {
    V1.VolumeSource src = v.getVolumeSource();
    if (src.hasPersistentVolumeClaim()) {
      return src.getPersistentVolumeClaim().getClaimName();
    }
    if (src.hasEphemeral()) {
      return pod.getMetadata().getName() + "-" + v.getName();
    }
    return null;
  }
}
