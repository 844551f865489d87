package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.validation.NameFormats;

/**
 * PersistentVolumeClaims as upstream: volume mode Filesystem by default, phase Pending on create, access modes and a
 * positive storage request; the spec is immutable except a storage request that grows, once bound.
 */
public final class PersistentVolumeClaimStrategy extends BaseStrategy<V1.PersistentVolumeClaim> {
  static final String IMMUTABLE_SPEC =
      "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

  public PersistentVolumeClaimStrategy() {
    super(Kinds.PERSISTENT_VOLUME_CLAIM, V1.PersistentVolumeClaim.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.PersistentVolumeClaim applyDefaults(V1.PersistentVolumeClaim pvc) {
    V1.PersistentVolumeClaimSpec.Builder s = pvc.getSpec().toBuilder();
    if (!s.hasVolumeMode() || s.getVolumeMode().isEmpty()) {
      s.setVolumeMode("Filesystem");
    }
    return pvc.toBuilder().setSpec(s).build();
  }

  @Override
  protected V1.PersistentVolumeClaim resetForCreate(V1.PersistentVolumeClaim pvc) {
    return pvc.toBuilder().setStatus(V1.PersistentVolumeClaimStatus.newBuilder().setPhase("Pending")).build();
  }

  @Override
  protected List<FieldError> check(V1.PersistentVolumeClaim pvc) {
    List<FieldError> errs = new ArrayList<>();
    V1.PersistentVolumeClaimSpec s = pvc.getSpec();
    if (s.getAccessModesCount() == 0) {
      errs.add(FieldError.required("spec.accessModes", "at least 1 access mode is required"));
    }
    for (String m : s.getAccessModesList()) {
      if (!PersistentVolumeStrategy.ACCESS_MODES.contains(m)) {
        errs.add(FieldError.notSupported("spec.accessModes", m, PersistentVolumeStrategy.ACCESS_MODES));
      }
    }
    if (s.hasSelector()) {
      errs.addAll(ObjectMetaValidation.labels(s.getSelector().getMatchLabelsMap(), "spec.selector.matchLabels"));
    }
    Quantity storage = s.getResources().getRequestsMap().get("storage");
    if (storage == null) {
      errs.add(FieldError.required("spec.resources[storage]", ""));
    } else if (!Quantities.isValid(storage.getString())) {
      PersistentVolumeStrategy.nonNegative("spec.resources.requests[storage]", storage.getString(), errs);
    } else if (Quantities.parse(storage).signum() <= 0) {
      errs.add(FieldError.invalid("spec.resources[storage]", storage.getString(), "must be greater than zero"));
    }
    if (s.hasStorageClassName() && !s.getStorageClassName().isEmpty()) {
      for (String msg : NameFormats.dns1123Subdomain(s.getStorageClassName())) {
        errs.add(FieldError.invalid("spec.storageClassName", s.getStorageClassName(), msg));
      }
    }
    if (!PersistentVolumeStrategy.VOLUME_MODES.contains(s.getVolumeMode())) {
      errs.add(FieldError.notSupported("spec.volumeMode", s.getVolumeMode(), PersistentVolumeStrategy.VOLUME_MODES));
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1.PersistentVolumeClaim pvc, V1.PersistentVolumeClaim old) {
    V1.PersistentVolumeClaimSpec.Builder allowed = old.getSpec().toBuilder();
    boolean bound = "Bound".equals(old.getStatus().getPhase());
    if (bound) {
      allowed.setResources(pvc.getSpec().getResources());
      if (pvc.getSpec().hasVolumeAttributesClassName()) {
        allowed.setVolumeAttributesClassName(pvc.getSpec().getVolumeAttributesClassName());
      }
    }
    if (old.getSpec().getVolumeName().isEmpty() && pvc.getSpec().hasVolumeName()) {
      allowed.setVolumeName(pvc.getSpec().getVolumeName()); // the binder sets it once
    }
    if (!allowed.build().equals(pvc.getSpec())) {
      return List.of(FieldError.forbidden("spec", IMMUTABLE_SPEC));
    }
    Quantity now = pvc.getSpec().getResources().getRequestsMap().get("storage");
    Quantity was = old.getSpec().getResources().getRequestsMap().get("storage");
    if (bound && now != null && was != null && Quantities.parse(now).compareTo(Quantities.parse(was)) < 0) {
      return List.of(FieldError.forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    }
    return List.of();
  }
}
