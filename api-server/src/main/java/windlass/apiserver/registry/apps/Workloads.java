package windlass.apiserver.registry.apps;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.GoValues;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.apiserver.registry.core.PodSpecs;
import windlass.client.FieldError;
import windlass.client.LabelSelector;

/** What Deployment and ReplicaSet validate alike: replicas, selector against template labels, the pod template. */
public final class Workloads {
  private Workloads() {}

  public static V1.PodTemplateSpec defaultTemplate(V1.PodTemplateSpec t) {
    return t.toBuilder().setSpec(PodSpecs.defaults(t.getSpec())).build();
  }

  static List<FieldError> validate(boolean hasSelector, Meta.LabelSelector selector, int replicas,
      V1.PodTemplateSpec template) {
    List<FieldError> errs = new ArrayList<>();
    if (replicas < 0) {
      errs.add(FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
    }
    if (!hasSelector) {
      errs.add(FieldError.required("spec.selector", ""));
    }
    LabelSelector sel = hasSelector ? selector(true, selector, "deployment", errs) : null;
    errs.addAll(template(sel, template, "ReplicaSet"));
    return errs;
  }

  /**
   * The selector's own checks (empty is invalid for {@code owner}, "deployment"); the parsed selector, null when it
   * does not parse, {@link LabelSelector#nothing()} when absent (upstream's nil selector).
   */
  public static LabelSelector selector(boolean hasSelector, Meta.LabelSelector selector, String owner,
      List<FieldError> errs) {
    if (!hasSelector) {
      return LabelSelector.nothing();
    }
    if (selector.getMatchLabelsCount() == 0 && selector.getMatchExpressionsCount() == 0) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(selector),
          "empty selector is invalid for " + owner));
      return null;
    }
    errs.addAll(ObjectMetaValidation.labels(selector.getMatchLabelsMap(), "spec.selector.matchLabels"));
    try {
      return LabelSelector.fromProto(selector);
    } catch (IllegalArgumentException e) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(selector),
          e.getMessage()));
      return null;
    }
  }

  /**
   * A workload's pod template (at spec.template): labels matched by {@code sel} (skipped when null), the pod spec,
   * restartPolicy Always, no activeDeadlineSeconds ("in {@code owner} is not Supported").
   */
  public static List<FieldError> template(LabelSelector sel, V1.PodTemplateSpec template, String owner) {
    List<FieldError> errs = new ArrayList<>();
    java.util.Map<String, String> labels = template.getMetadata().getLabelsMap();
    errs.addAll(ObjectMetaValidation.labels(labels, "spec.template.metadata.labels"));
    if (sel != null && !sel.matches(labels)) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.template.metadata.labels", GoValues.stringMap(labels),
          "`selector` does not match template `labels`"));
    }
    errs.addAll(PodSpecs.validate(template.getSpec(), "spec.template.spec"));
    String restart = template.getSpec().getRestartPolicy();
    if (!restart.isEmpty() && !restart.equals("Always")) {
      errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restart, List.of("Always")));
    }
    if (template.getSpec().hasActiveDeadlineSeconds()) {
      errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
          "activeDeadlineSeconds in " + owner + " is not Supported"));
    }
    return errs;
  }

  public static void nonNegative(List<FieldError> errs, String field, long value) {
    if (value < 0) {
      errs.add(FieldError.invalid(field, value, "must be greater than or equal to 0"));
    }
  }

  /** apps/v1: the selector may not change after create. */
  public static List<FieldError> selectorImmutable(Meta.LabelSelector now, Meta.LabelSelector old) {
    if (now.equals(old)) {
      return List.of();
    }
    return List.of(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(now),
        "field is immutable"));
  }
}
