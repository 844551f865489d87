package windlass.apiserver.registry.core;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.validation.NameFormats;

/**
 * PersistentVolumes as upstream (cluster-scoped): reclaim policy Retain and volume mode Filesystem by default, phase
 * Pending on create, access modes, a storage capacity and exactly one volume source, which cannot change.
 */
public final class PersistentVolumeStrategy extends BaseStrategy<V1.PersistentVolume> {
  static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
  private static final List<String> RECLAIM = List.of("Delete", "Recycle", "Retain");
  static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

  public PersistentVolumeStrategy() {
    super(Kinds.PERSISTENT_VOLUME, V1.PersistentVolume.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.PersistentVolume applyDefaults(V1.PersistentVolume pv) {
    V1.PersistentVolumeSpec.Builder s = pv.getSpec().toBuilder();
    if (!s.hasPersistentVolumeReclaimPolicy() || s.getPersistentVolumeReclaimPolicy().isEmpty()) {
      s.setPersistentVolumeReclaimPolicy("Retain");
    }
    if (!s.hasVolumeMode() || s.getVolumeMode().isEmpty()) {
      s.setVolumeMode("Filesystem");
    }
    return pv.toBuilder().setSpec(s).build();
  }

  @Override
  protected V1.PersistentVolume resetForCreate(V1.PersistentVolume pv) {
    return pv.toBuilder().setStatus(V1.PersistentVolumeStatus.newBuilder().setPhase("Pending")).build();
  }

  @Override
  protected List<FieldError> check(V1.PersistentVolume pv) {
    List<FieldError> errs = new ArrayList<>();
    V1.PersistentVolumeSpec s = pv.getSpec();
    accessModes(s.getAccessModesList(), "spec.accessModes", errs);
    if (s.getCapacityCount() == 0) {
      errs.add(FieldError.required("spec.capacity", ""));
    } else if (!s.containsCapacity("storage") || s.getCapacityCount() > 1) {
      errs.add(FieldError.notSupported("spec.capacity", String.join(",", s.getCapacityMap().keySet()),
          List.of("storage")));
    }
    s.getCapacityMap().forEach((k, q) -> nonNegative("spec.capacity[" + k + "]", q.getString(), errs));
    if (s.hasStorageClassName() && !s.getStorageClassName().isEmpty()) {
      for (String msg : NameFormats.dns1123Subdomain(s.getStorageClassName())) {
        errs.add(FieldError.invalid("spec.storageClassName", s.getStorageClassName(), msg));
      }
    }
    if (!RECLAIM.contains(s.getPersistentVolumeReclaimPolicy())) {
      errs.add(FieldError.notSupported("spec.persistentVolumeReclaimPolicy", s.getPersistentVolumeReclaimPolicy(),
          RECLAIM));
    }
    if (!VOLUME_MODES.contains(s.getVolumeMode())) {
      errs.add(FieldError.notSupported("spec.volumeMode", s.getVolumeMode(), VOLUME_MODES));
    }
    int sources = 0;
    V1.PersistentVolumeSource src = s.getPersistentVolumeSource();
    for (FieldDescriptor f : src.getDescriptorForType().getFields()) {
      if (src.hasField(f)) {
        sources++;
      }
    }
    if (sources == 0) {
      errs.add(FieldError.required("spec", "must specify a volume type"));
    } else if (sources > 1) {
      errs.add(FieldError.forbidden("spec", "may not specify more than 1 volume type"));
    }
    if (src.hasHostPath() && src.getHostPath().getPath().isEmpty()) {
      errs.add(FieldError.required("spec.hostPath.path", ""));
    }
    if (src.hasLocal() && src.getLocal().getPath().isEmpty()) {
      errs.add(FieldError.required("spec.local.path", ""));
    }
    return errs;
  }

  static void accessModes(List<String> modes, String path, List<FieldError> errs) {
    if (modes.isEmpty()) {
      errs.add(FieldError.required(path, ""));
    }
    for (String m : modes) {
      if (!ACCESS_MODES.contains(m)) {
        errs.add(FieldError.notSupported(path, m, ACCESS_MODES));
      }
    }
  }

  static void nonNegative(String path, String q, List<FieldError> errs) {
    if (!Quantities.isValid(q)) {
      errs.add(FieldError.invalid(path, q, "quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    } else if (Quantities.parse(q).signum() < 0) {
      errs.add(FieldError.invalid(path, q, "must be greater than or equal to 0"));
    }
  }

  @Override
  protected List<FieldError> checkUpdate(V1.PersistentVolume pv, V1.PersistentVolume old) {
    if (!pv.getSpec().getPersistentVolumeSource().equals(old.getSpec().getPersistentVolumeSource())) {
      return List.of(FieldError.forbidden("spec.persistentvolumesource",
          "spec.persistentvolumesource is immutable after creation"));
    }
    if (!pv.getSpec().getVolumeMode().equals(old.getSpec().getVolumeMode())) {
      return List.of(FieldError.invalid("spec.volumeMode", pv.getSpec().getVolumeMode(), "field is immutable"));
    }
    return List.of();
  }
}
