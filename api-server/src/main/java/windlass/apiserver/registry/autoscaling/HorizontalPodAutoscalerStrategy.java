package windlass.apiserver.registry.autoscaling;

import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.V2Autoscaling;
import io.kubernetes.client.proto.V2Autoscaling.MetricSpec;
import io.kubernetes.client.proto.V2Autoscaling.MetricTarget;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.validation.NameFormats;

/**
 * autoscaling/v2 HorizontalPodAutoscalers as upstream: minReplicas 1 and a CPU 80% utilization metric by default,
 * scaling rules filled in when a behavior is given, maxReplicas &gt;= minReplicas &gt;= 1, a scale target reference,
 * and each metric populating exactly the source its type names, with a target of the right shape.
 */
public final class HorizontalPodAutoscalerStrategy extends BaseStrategy<V2Autoscaling.HorizontalPodAutoscaler> {
  private static final List<String> SOURCE_TYPES = List.of("ContainerResource", "External", "Object", "Pods",
      "Resource");

  public HorizontalPodAutoscalerStrategy() {
    super(Kinds.HORIZONTAL_POD_AUTOSCALER, V2Autoscaling.HorizontalPodAutoscaler.class,
        NameFormats::dns1123Subdomain);
  }

  @Override
  protected V2Autoscaling.HorizontalPodAutoscaler applyDefaults(V2Autoscaling.HorizontalPodAutoscaler hpa) {
    V2Autoscaling.HorizontalPodAutoscalerSpec.Builder s = hpa.getSpec().toBuilder();
    if (!s.hasMinReplicas()) {
      s.setMinReplicas(1);
    }
    if (s.getMetricsCount() == 0) {
      s.addMetrics(MetricSpec.newBuilder().setType("Resource").setResource(V2Autoscaling.ResourceMetricSource
          .newBuilder().setName("cpu").setTarget(MetricTarget.newBuilder().setType("Utilization")
              .setAverageUtilization(80))));
    }
    if (s.hasBehavior()) {
      V2Autoscaling.HorizontalPodAutoscalerBehavior.Builder b = s.getBehaviorBuilder();
      b.setScaleUp(rules(b.hasScaleUp() ? b.getScaleUp() : null, 0,
          List.of(policy("Pods", 4), policy("Percent", 100))));
      b.setScaleDown(rules(b.hasScaleDown() ? b.getScaleDown() : null, -1, List.of(policy("Percent", 100))));
    }
    return hpa.toBuilder().setSpec(s).build();
  }

  private static V2Autoscaling.HPAScalingPolicy policy(String type, int value) {
    return V2Autoscaling.HPAScalingPolicy.newBuilder().setType(type).setValue(value).setPeriodSeconds(15).build();
  }

  /** upstream copyHPAScalingRules over the defaults ({@code window} -1: none). */
  private static V2Autoscaling.HPAScalingRules rules(V2Autoscaling.HPAScalingRules given, int window,
      List<V2Autoscaling.HPAScalingPolicy> policies) {
    V2Autoscaling.HPAScalingRules.Builder r = given == null
        ? V2Autoscaling.HPAScalingRules.newBuilder() : given.toBuilder();
    if (!r.hasSelectPolicy()) {
      r.setSelectPolicy("Max");
    }
    if (!r.hasStabilizationWindowSeconds() && window >= 0) {
      r.setStabilizationWindowSeconds(window);
    }
    if (r.getPoliciesCount() == 0) {
      r.addAllPolicies(policies);
    }
    return r.build();
  }

  @Override
  protected List<FieldError> check(V2Autoscaling.HorizontalPodAutoscaler hpa) {
    V2Autoscaling.HorizontalPodAutoscalerSpec s = hpa.getSpec();
    List<FieldError> errs = new ArrayList<>();
    if (s.hasMinReplicas() && s.getMinReplicas() < 1) {
      errs.add(FieldError.invalid("spec.minReplicas", s.getMinReplicas(), "must be greater than or equal to 1"));
    }
    if (s.getMaxReplicas() < 1) {
      errs.add(FieldError.invalid("spec.maxReplicas", s.getMaxReplicas(), "must be greater than 0"));
    }
    if (s.hasMinReplicas() && s.getMaxReplicas() < s.getMinReplicas()) {
      errs.add(FieldError.invalid("spec.maxReplicas", s.getMaxReplicas(),
          "must be greater than or equal to `minReplicas`"));
    }
    List<FieldError> ref = reference(s.getScaleTargetRef(), "spec.scaleTargetRef");
    if (!ref.isEmpty()) {
      errs.addAll(ref);
      return errs;
    }
    List<FieldError> metrics = new ArrayList<>();
    for (int i = 0; i < s.getMetricsCount(); i++) {
      metrics.addAll(metric(s.getMetrics(i), "spec.metrics[" + i + "]"));
    }
    if (!metrics.isEmpty()) {
      errs.addAll(metrics);
      return errs;
    }
    if (s.hasBehavior()) {
      errs.addAll(Behaviors.validate(s.getBehavior(), "spec.behavior"));
    }
    return errs;
  }

  private static List<FieldError> reference(V2Autoscaling.CrossVersionObjectReference ref, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (ref.getKind().isEmpty()) {
      errs.add(FieldError.required(path + ".kind", ""));
    } else {
      pathSegment(errs, path + ".kind", ref.getKind());
    }
    if (ref.getName().isEmpty()) {
      errs.add(FieldError.required(path + ".name", ""));
    } else {
      pathSegment(errs, path + ".name", ref.getName());
    }
    return errs;
  }

  private static void pathSegment(List<FieldError> errs, String field, String v) {
    if (v.equals(".") || v.equals("..")) {
      errs.add(FieldError.invalid(field, v, "may not be '" + v + "'"));
    }
    for (String bad : List.of("/", "%")) {
      if (v.contains(bad)) {
        errs.add(FieldError.invalid(field, v, "may not contain '" + bad + "'"));
      }
    }
  }

  private static List<FieldError> metric(MetricSpec m, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (m.getType().isEmpty()) {
      errs.add(FieldError.required(path + ".type", "must specify a metric source type"));
    }
    if (!SOURCE_TYPES.contains(m.getType())) {
      errs.add(FieldError.notSupported(path + ".type", m.getType(), SOURCE_TYPES));
    }
    List<String> present = new ArrayList<>();
    if (m.hasObject()) {
      present.add("object");
      if (present.size() == 1) {
        errs.addAll(object(m.getObject(), path + ".object"));
      }
    }
    if (m.hasExternal()) {
      present.add("external");
      if (present.size() == 1) {
        errs.addAll(external(m.getExternal(), path + ".external"));
      }
    }
    if (m.hasPods()) {
      present.add("pods");
      if (present.size() == 1) {
        errs.addAll(pods(m.getPods(), path + ".pods"));
      }
    }
    if (m.hasResource()) {
      present.add("resource");
      if (present.size() == 1) {
        errs.addAll(resource(m.getResource().getName(), m.getResource().getTarget(), path + ".resource"));
      }
    }
    if (m.hasContainerResource()) {
      present.add("containerResource");
      if (present.size() == 1) {
        V2Autoscaling.ContainerResourceMetricSource c = m.getContainerResource();
        errs.addAll(resource(c.getName(), c.getTarget(), path + ".containerResource"));
        if (c.getContainer().isEmpty()) {
          errs.add(FieldError.required(path + ".containerResource.container", "must specify a container"));
        }
      }
    }
    String expected = switch (m.getType()) {
      case "Object" -> "object";
      case "Pods" -> "pods";
      case "Resource" -> "resource";
      case "External" -> "external";
      case "ContainerResource" -> "containerResource";
      default -> null;
    };
    if (expected != null && !present.contains(expected)) {
      errs.add(FieldError.required(path + "." + expected, "must populate information for the given metric source"));
    }
    if (present.size() != 1) {
      present.remove(expected);
      for (String t : present) {
        errs.add(FieldError.forbidden(path + "." + t, "must populate the given metric source only"));
      }
    }
    return errs;
  }

  private static List<FieldError> resource(String name, MetricTarget t, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (name.isEmpty()) {
      errs.add(FieldError.required(path + ".name", "must specify a resource name"));
    }
    errs.addAll(target(t, path + ".target"));
    if (!t.hasAverageUtilization() && !t.hasAverageValue()) {
      errs.add(FieldError.required(path + ".target.averageUtilization",
          "must set either a target raw value or a target utilization"));
    }
    if (t.hasAverageUtilization() && t.hasAverageValue()) {
      errs.add(FieldError.forbidden(path + ".target.averageValue",
          "may not set both a target raw value and a target utilization"));
    }
    return errs;
  }

  private static List<FieldError> pods(V2Autoscaling.PodsMetricSource p, String path) {
    List<FieldError> errs = new ArrayList<>(identifier(p.getMetric(), path + ".metric"));
    errs.addAll(target(p.getTarget(), path + ".target"));
    if (!p.getTarget().hasAverageValue()) {
      errs.add(FieldError.required(path + ".target.averageValue", "must specify a positive target averageValue"));
    }
    return errs;
  }

  private static List<FieldError> object(V2Autoscaling.ObjectMetricSource o, String path) {
    List<FieldError> errs = new ArrayList<>();
    V2Autoscaling.CrossVersionObjectReference ref = o.getDescribedObject();
    errs.addAll(reference(ref, path + ".describedObject"));
    errs.addAll(identifier(o.getMetric(), path + ".metric"));
    errs.addAll(target(o.getTarget(), path + ".target"));
    if (!o.getTarget().hasValue() && !o.getTarget().hasAverageValue()) {
      errs.add(FieldError.required(path + ".target.averageValue", "must set either a target value or averageValue"));
    }
    return errs;
  }

  private static List<FieldError> external(V2Autoscaling.ExternalMetricSource e, String path) {
    List<FieldError> errs = new ArrayList<>(identifier(e.getMetric(), path + ".metric"));
    errs.addAll(target(e.getTarget(), path + ".target"));
    if (!e.getTarget().hasValue() && !e.getTarget().hasAverageValue()) {
      errs.add(FieldError.required(path + ".target.averageValue",
          "must set either a target value for metric or a per-pod target"));
    }
    if (e.getTarget().hasValue() && e.getTarget().hasAverageValue()) {
      errs.add(FieldError.forbidden(path + ".target.value",
          "may not set both a target value for metric and a per-pod target"));
    }
    return errs;
  }

  private static List<FieldError> identifier(V2Autoscaling.MetricIdentifier id, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (id.getName().isEmpty()) {
      errs.add(FieldError.required(path + ".name", "must specify a metric name"));
    } else {
      pathSegment(errs, path + ".name", id.getName());
    }
    return errs;
  }

  private static List<FieldError> target(MetricTarget t, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (t.getType().isEmpty()) {
      errs.add(FieldError.required(path + ".type", "must specify a metric target type"));
    }
    if (!List.of("Utilization", "Value", "AverageValue").contains(t.getType())) {
      errs.add(FieldError.invalid(path + ".type", t.getType(), "must be either Utilization, Value, or AverageValue"));
    }
    if (t.hasValue() && !positive(t.getValue())) {
      errs.add(new FieldError(FieldError.Type.INVALID, path + ".value", t.getValue().getString(), "must be positive"));
    }
    if (t.hasAverageValue() && !positive(t.getAverageValue())) {
      errs.add(new FieldError(FieldError.Type.INVALID, path + ".averageValue", t.getAverageValue().getString(),
          "must be positive"));
    }
    if (t.hasAverageUtilization() && t.getAverageUtilization() < 1) {
      errs.add(FieldError.invalid(path + ".averageUtilization", t.getAverageUtilization(), "must be greater than 0"));
    }
    return errs;
  }

  private static boolean positive(Resource.Quantity q) {
    try {
      return Quantities.parse(q).signum() > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
