package windlass.apiserver.registry.apps;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.LabelSelector;
import windlass.client.validation.NameFormats;

/**
 * apps/v1 DaemonSets as upstream: defaults (RollingUpdate with maxUnavailable 1 / maxSurge 0, revisionHistoryLimit
 * 10, pod template defaults), generation follows spec, a selector that must match the template and may not change.
 */
public final class DaemonSetStrategy extends BaseStrategy<V1Apps.DaemonSet> {
  private static final List<String> STRATEGY_TYPES = List.of("RollingUpdate", "OnDelete");

  public DaemonSetStrategy() {
    super(Kinds.DAEMON_SET, V1Apps.DaemonSet.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected V1Apps.DaemonSet applyDefaults(V1Apps.DaemonSet ds) {
    V1Apps.DaemonSetSpec.Builder s = ds.getSpec().toBuilder();
    V1Apps.DaemonSetUpdateStrategy.Builder st = s.getUpdateStrategy().toBuilder();
    if (st.getType().isEmpty()) {
      st.setType("RollingUpdate");
    }
    if (st.getType().equals("RollingUpdate")) {
      V1Apps.RollingUpdateDaemonSet.Builder ru = st.getRollingUpdate().toBuilder();
      if (!ru.hasMaxUnavailable()) {
        ru.setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(1));
      }
      if (!ru.hasMaxSurge()) {
        ru.setMaxSurge(IntOrString.newBuilder().setType(0).setIntVal(0));
      }
      st.setRollingUpdate(ru);
    }
    s.setUpdateStrategy(st);
    if (!s.hasRevisionHistoryLimit()) {
      s.setRevisionHistoryLimit(10);
    }
    s.setTemplate(Workloads.defaultTemplate(s.getTemplate()));
    return ds.toBuilder().setSpec(s).build();
  }

  @Override
  protected List<FieldError> check(V1Apps.DaemonSet ds) {
    V1Apps.DaemonSetSpec s = ds.getSpec();
    List<FieldError> errs = new ArrayList<>();
    // upstream: a nil selector is labels.Nothing(), reported as not matching the template
    LabelSelector sel = Workloads.selector(s.hasSelector(), s.getSelector(), "daemonset", errs);
    errs.addAll(Workloads.template(sel, s.getTemplate(), "DaemonSet"));
    Workloads.nonNegative(errs, "spec.minReadySeconds", s.getMinReadySeconds());
    String type = s.getUpdateStrategy().getType();
    if (!STRATEGY_TYPES.contains(type)) {
      String value = "apps.DaemonSetUpdateStrategy{Type:\"" + type + "\", RollingUpdate:"
          + (s.getUpdateStrategy().hasRollingUpdate() ? "&apps.RollingUpdateDaemonSet{...}"
              : "(*apps.RollingUpdateDaemonSet)(nil)")
          + "}";
      errs.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.updateStrategy", value,
          "supported values: \"RollingUpdate\", \"OnDelete\""));
    }
    if (s.hasRevisionHistoryLimit()) {
      Workloads.nonNegative(errs, "spec.revisionHistoryLimit", s.getRevisionHistoryLimit());
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Apps.DaemonSet ds, V1Apps.DaemonSet old) {
    return Workloads.selectorImmutable(ds.getSpec().getSelector(), old.getSpec().getSelector());
  }
}
