package windlass.apiserver.registry.apps;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * apps/v1 Deployments as upstream: defaults (replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600, pod template defaults), generation bumped by spec or annotation changes, an
 * immutable selector that must match the template's labels.
 */
public final class DeploymentStrategy extends BaseStrategy<V1Apps.Deployment> {
  private static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");

  public DeploymentStrategy() {
    super(Kinds.DEPLOYMENT, V1Apps.Deployment.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public boolean generationChanged(Message obj, Message old) {
    V1Apps.Deployment d = cast(obj);
    V1Apps.Deployment o = cast(old);
    return !d.getSpec().equals(o.getSpec())
        || !d.getMetadata().getAnnotationsMap().equals(o.getMetadata().getAnnotationsMap());
  }

  @Override
  protected V1Apps.Deployment applyDefaults(V1Apps.Deployment d) {
    V1Apps.DeploymentSpec.Builder s = d.getSpec().toBuilder();
    if (!s.hasReplicas()) {
      s.setReplicas(1);
    }
    V1Apps.DeploymentStrategy.Builder st = s.getStrategy().toBuilder();
    if (st.getType().isEmpty()) {
      st.setType("RollingUpdate");
    }
    if (st.getType().equals("RollingUpdate")) {
      V1Apps.RollingUpdateDeployment.Builder ru = st.getRollingUpdate().toBuilder();
      if (!ru.hasMaxUnavailable()) {
        ru.setMaxUnavailable(percent("25%"));
      }
      if (!ru.hasMaxSurge()) {
        ru.setMaxSurge(percent("25%"));
      }
      st.setRollingUpdate(ru);
    }
    s.setStrategy(st);
    if (!s.hasRevisionHistoryLimit()) {
      s.setRevisionHistoryLimit(10);
    }
    if (!s.hasProgressDeadlineSeconds()) {
      s.setProgressDeadlineSeconds(600);
    }
    s.setTemplate(Workloads.defaultTemplate(s.getTemplate()));
    return d.toBuilder().setSpec(s).build();
  }

  private static IntOrString percent(String p) {
    return IntOrString.newBuilder().setType(1).setStrVal(p).build();
  }

  @Override
  protected List<FieldError> check(V1Apps.Deployment d) {
    V1Apps.DeploymentSpec s = d.getSpec();
    List<FieldError> errs =
        new ArrayList<>(Workloads.validate(s.hasSelector(), s.getSelector(), s.getReplicas(), s.getTemplate()));
    String type = s.getStrategy().getType();
    if (!STRATEGY_TYPES.contains(type)) {
      errs.add(FieldError.notSupported("spec.strategy.type", type, STRATEGY_TYPES));
    } else if (type.equals("Recreate") && s.getStrategy().hasRollingUpdate()) {
      errs.add(FieldError.forbidden("spec.strategy.rollingUpdate",
          "may not be specified when strategy `type` is 'Recreate'"));
    }
    if (s.getRevisionHistoryLimit() < 0) {
      errs.add(FieldError.invalid("spec.revisionHistoryLimit", s.getRevisionHistoryLimit(),
          "must be greater than or equal to 0"));
    }
    if (s.getMinReadySeconds() < 0) {
      errs.add(FieldError.invalid("spec.minReadySeconds", s.getMinReadySeconds(), "must be greater than or equal to 0"));
    }
    if (s.hasProgressDeadlineSeconds() && s.getProgressDeadlineSeconds() <= s.getMinReadySeconds()) {
      errs.add(FieldError.invalid("spec.progressDeadlineSeconds", s.getProgressDeadlineSeconds(),
          "must be greater than minReadySeconds"));
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Apps.Deployment d, V1Apps.Deployment old) {
    return Workloads.selectorImmutable(d.getSpec().getSelector(), old.getSpec().getSelector());
  }
}
