package windlass.apiserver.registry.apps;

import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.LabelSelector;
import windlass.client.validation.NameFormats;

/**
 * apps/v1 StatefulSets as upstream: defaults (replicas 1, OrderedReady, RollingUpdate partition 0, PVC retention
 * Retain/Retain, revisionHistoryLimit 10, pod template defaults), generation follows spec, and after create only
 * replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and
 * minReadySeconds may change.
 */
public final class StatefulSetStrategy extends BaseStrategy<V1Apps.StatefulSet> {
  static final String FORBIDDEN_UPDATE = "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
      + "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and "
      + "'minReadySeconds' are forbidden";
  private static final List<String> RETENTION = List.of("Retain", "Delete");

  public StatefulSetStrategy() {
    super(Kinds.STATEFUL_SET, V1Apps.StatefulSet.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected V1Apps.StatefulSet applyDefaults(V1Apps.StatefulSet sts) {
    V1Apps.StatefulSetSpec.Builder s = sts.getSpec().toBuilder();
    if (!s.hasPodManagementPolicy()) {
      s.setPodManagementPolicy("OrderedReady");
    }
    V1Apps.StatefulSetUpdateStrategy.Builder st = s.getUpdateStrategy().toBuilder();
    if (st.getType().isEmpty()) {
      st.setType("RollingUpdate");
    }
    if (st.getType().equals("RollingUpdate")) {
      V1Apps.RollingUpdateStatefulSetStrategy.Builder ru = st.getRollingUpdate().toBuilder();
      if (!ru.hasPartition()) {
        ru.setPartition(0);
      }
      st.setRollingUpdate(ru);
    }
    s.setUpdateStrategy(st);
    V1Apps.StatefulSetPersistentVolumeClaimRetentionPolicy.Builder pvc =
        s.getPersistentVolumeClaimRetentionPolicy().toBuilder();
    if (pvc.getWhenDeleted().isEmpty()) {
      pvc.setWhenDeleted("Retain");
    }
    if (pvc.getWhenScaled().isEmpty()) {
      pvc.setWhenScaled("Retain");
    }
    s.setPersistentVolumeClaimRetentionPolicy(pvc);
    if (!s.hasReplicas()) {
      s.setReplicas(1);
    }
    if (!s.hasRevisionHistoryLimit()) {
      s.setRevisionHistoryLimit(10);
    }
    s.setTemplate(Workloads.defaultTemplate(s.getTemplate()));
    return sts.toBuilder().setSpec(s).build();
  }

  @Override
  protected List<FieldError> check(V1Apps.StatefulSet sts) {
    V1Apps.StatefulSetSpec s = sts.getSpec();
    List<FieldError> errs = new ArrayList<>();
    String policy = s.getPodManagementPolicy();
    if (policy.isEmpty()) {
      errs.add(FieldError.required("spec.podManagementPolicy", ""));
    } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errs.add(FieldError.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
    }
    V1Apps.StatefulSetUpdateStrategy st = s.getUpdateStrategy();
    switch (st.getType()) {
      case "" -> errs.add(FieldError.required("spec.updateStrategy", ""));
      case "OnDelete" -> {
        if (st.hasRollingUpdate()) {
          errs.add(new FieldError(FieldError.Type.INVALID, "spec.updateStrategy.rollingUpdate",
              "apps.RollingUpdateStatefulSetStrategy{...}", "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> Workloads.nonNegative(errs, "spec.updateStrategy.rollingUpdate.partition",
          st.getRollingUpdate().getPartition());
      default -> errs.add(new FieldError(FieldError.Type.INVALID, "spec.updateStrategy",
          "apps.StatefulSetUpdateStrategy{Type:\"" + st.getType() + "\", RollingUpdate:"
              + (st.hasRollingUpdate() ? "&apps.RollingUpdateStatefulSetStrategy{...}"
                  : "(*apps.RollingUpdateStatefulSetStrategy)(nil)") + "}",
          "must be 'RollingUpdate' or 'OnDelete'"));
    }
    V1Apps.StatefulSetPersistentVolumeClaimRetentionPolicy pvc = s.getPersistentVolumeClaimRetentionPolicy();
    if (!RETENTION.contains(pvc.getWhenDeleted())) {
      errs.add(FieldError.notSupported("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", pvc.getWhenDeleted(),
          RETENTION));
    }
    if (!RETENTION.contains(pvc.getWhenScaled())) {
      errs.add(FieldError.notSupported("spec.persistentVolumeClaimRetentionPolicy.whenScaled", pvc.getWhenScaled(),
          RETENTION));
    }
    if (s.hasOrdinals()) {
      Workloads.nonNegative(errs, "spec.ordinals.start", s.getOrdinals().getStart());
    }
    Workloads.nonNegative(errs, "spec.replicas", s.getReplicas());
    Workloads.nonNegative(errs, "spec.minReadySeconds", s.getMinReadySeconds());
    if (!s.hasSelector()) {
      errs.add(FieldError.required("spec.selector", ""));
    }
    // upstream: a nil selector selects nothing, so the template does not match it either
    LabelSelector sel = Workloads.selector(s.hasSelector(), s.getSelector(), "statefulset", errs);
    errs.addAll(Workloads.template(sel, s.getTemplate(), "StatefulSet"));
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Apps.StatefulSet sts, V1Apps.StatefulSet old) {
    V1Apps.StatefulSetSpec o = old.getSpec();
    V1Apps.StatefulSetSpec.Builder onlyForbidden = sts.getSpec().toBuilder();
    copy(onlyForbidden, o);
    if (!onlyForbidden.build().equals(o)) {
      return List.of(FieldError.forbidden("spec", FORBIDDEN_UPDATE));
    }
    return List.of();
  }

  /** {@code b} with the fields a StatefulSet update may change taken from {@code from}. */
  private static void copy(V1Apps.StatefulSetSpec.Builder b, V1Apps.StatefulSetSpec from) {
    b.clearReplicas().clearOrdinals().clearTemplate().clearUpdateStrategy().clearMinReadySeconds()
        .clearRevisionHistoryLimit().clearPersistentVolumeClaimRetentionPolicy();
    if (from.hasReplicas()) {
      b.setReplicas(from.getReplicas());
    }
    if (from.hasOrdinals()) {
      b.setOrdinals(from.getOrdinals());
    }
    if (from.hasTemplate()) {
      b.setTemplate(from.getTemplate());
    }
    if (from.hasUpdateStrategy()) {
      b.setUpdateStrategy(from.getUpdateStrategy());
    }
    if (from.hasMinReadySeconds()) {
      b.setMinReadySeconds(from.getMinReadySeconds());
    }
    if (from.hasRevisionHistoryLimit()) {
      b.setRevisionHistoryLimit(from.getRevisionHistoryLimit());
    }
    if (from.hasPersistentVolumeClaimRetentionPolicy()) {
      b.setPersistentVolumeClaimRetentionPolicy(from.getPersistentVolumeClaimRetentionPolicy());
    }
  }
}
