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
final class Workloads {
  private Workloads() {}

  static V1.PodTemplateSpec defaultTemplate(V1.PodTemplateSpec t) {
    return t.toBuilder().setSpec(PodSpecs.defaults(t.getSpec())).build();
  }

  static List<FieldError> validate(boolean hasSelector, Meta.LabelSelector selector, int replicas,
      V1.PodTemplateSpec template) {
    List<FieldError> errs = new ArrayList<>();
    if (replicas < 0) {
      errs.add(FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
    }
    LabelSelector sel = null;
    if (!hasSelector) {
      errs.add(FieldError.required("spec.selector", ""));
    } else if (selector.getMatchLabelsCount() == 0 && selector.getMatchExpressionsCount() == 0) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(selector),
          "empty selector is invalid for deployment"));
    } else {
      errs.addAll(ObjectMetaValidation.labels(selector.getMatchLabelsMap(), "spec.selector.matchLabels"));
      try {
        sel = LabelSelector.fromProto(selector);
      } catch (IllegalArgumentException e) {
        errs.add(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(selector),
            e.getMessage()));
      }
    }
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
          "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
    return errs;
  }

  /** apps/v1: the selector may not change after create. */
  static List<FieldError> selectorImmutable(Meta.LabelSelector now, Meta.LabelSelector old) {
    if (now.equals(old)) {
      return List.of();
    }
    return List.of(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(now),
        "field is immutable"));
  }
}
