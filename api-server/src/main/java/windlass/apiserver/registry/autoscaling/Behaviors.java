package windlass.apiserver.registry.autoscaling;

import io.kubernetes.client.proto.V2Autoscaling;
import java.util.ArrayList;
import java.util.List;
import windlass.client.FieldError;

/** upstream validateBehavior: stabilization windows, select policies and scaling policies of an HPA. */
final class Behaviors {
  private static final int MAX_WINDOW = 3600;
  private static final int MAX_PERIOD = 1800;
  private static final List<String> SELECT = List.of("Disabled", "Max", "Min");
  private static final List<String> TYPES = List.of("Percent", "Pods");

  private Behaviors() {}

  static List<FieldError> validate(V2Autoscaling.HorizontalPodAutoscalerBehavior b, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (b.hasScaleUp()) {
      errs.addAll(rules(b.getScaleUp(), path + ".scaleUp"));
    }
    if (b.hasScaleDown()) {
      errs.addAll(rules(b.getScaleDown(), path + ".scaleDown"));
    }
    return errs;
  }

  private static List<FieldError> rules(V2Autoscaling.HPAScalingRules r, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (r.hasStabilizationWindowSeconds()) {
      int w = r.getStabilizationWindowSeconds();
      if (w < 0) {
        errs.add(FieldError.invalid(path + ".stabilizationWindowSeconds", w, "must be greater than or equal to zero"));
      }
      if (w > MAX_WINDOW) {
        errs.add(FieldError.invalid(path + ".stabilizationWindowSeconds", w,
            "must be less than or equal to " + MAX_WINDOW));
      }
    }
    if (r.hasSelectPolicy() && !SELECT.contains(r.getSelectPolicy())) {
      errs.add(FieldError.notSupported(path + ".selectPolicy", r.getSelectPolicy(), SELECT));
    }
    if (r.getPoliciesCount() == 0) {
      errs.add(FieldError.required(path + ".policies", "must specify at least one Policy"));
    }
    for (int i = 0; i < r.getPoliciesCount(); i++) {
      V2Autoscaling.HPAScalingPolicy p = r.getPolicies(i);
      String at = path + ".policies[" + i + "]";
      if (!TYPES.contains(p.getType())) {
        errs.add(FieldError.notSupported(at + ".type", p.getType(), TYPES));
      }
      if (p.getValue() <= 0) {
        errs.add(FieldError.invalid(at + ".value", p.getValue(), "must be greater than zero"));
      }
      if (p.getPeriodSeconds() <= 0) {
        errs.add(FieldError.invalid(at + ".periodSeconds", p.getPeriodSeconds(), "must be greater than zero"));
      }
      if (p.getPeriodSeconds() > MAX_PERIOD) {
        errs.add(FieldError.invalid(at + ".periodSeconds", p.getPeriodSeconds(),
            "must be less than or equal to " + MAX_PERIOD));
      }
    }
    return errs;
  }
}
