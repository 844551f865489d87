package windlass.apiserver.registry.batch;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import windlass.apiserver.registry.GoValues;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.apiserver.registry.apps.Workloads;
import windlass.apiserver.registry.core.PodSpecs;
import windlass.client.FieldError;
import windlass.client.LabelSelector;

/** What Job and CronJob's jobTemplate share: JobSpec defaults and upstream's validateJobSpec at a path. */
final class JobSpecs {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME = "job-name";
  private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");
  private static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");

  private JobSpecs() {}

  /** Upstream SetDefaults_Job's spec part (the pod template gets pod defaults everywhere). */
  static V1Batch.JobSpec defaults(V1Batch.JobSpec spec) {
    V1Batch.JobSpec.Builder s = spec.toBuilder();
    if (!s.hasCompletions() && !s.hasParallelism()) {
      s.setCompletions(1).setParallelism(1);
    }
    if (!s.hasParallelism()) {
      s.setParallelism(1);
    }
    if (!s.hasBackoffLimit()) {
      s.setBackoffLimit(s.hasBackoffLimitPerIndex() ? Integer.MAX_VALUE : 6);
    }
    if (!s.hasCompletionMode()) {
      s.setCompletionMode("NonIndexed");
    }
    if (!s.hasSuspend()) {
      s.setSuspend(false);
    }
    if (!s.hasManualSelector()) {
      s.setManualSelector(false);
    }
    if (!s.hasPodReplacementPolicy()) {
      s.setPodReplacementPolicy(s.hasPodFailurePolicy() ? "Failed" : "TerminatingOrFailed");
    }
    s.setTemplate(template(s.getTemplate()));
    return s.build();
  }

  static V1.PodTemplateSpec template(V1.PodTemplateSpec t) {
    return Workloads.defaultTemplate(t);
  }

  /** upstream validateJobSpec: everything but the selector, at {@code path} ("spec", "spec.jobTemplate.spec"). */
  static List<FieldError> validate(V1Batch.JobSpec s, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (s.hasParallelism()) {
      Workloads.nonNegative(errs, path + ".parallelism", s.getParallelism());
    }
    if (s.hasCompletions()) {
      Workloads.nonNegative(errs, path + ".completions", s.getCompletions());
    }
    if (s.hasActiveDeadlineSeconds()) {
      Workloads.nonNegative(errs, path + ".activeDeadlineSeconds", s.getActiveDeadlineSeconds());
    }
    if (s.hasBackoffLimit()) {
      Workloads.nonNegative(errs, path + ".backoffLimit", s.getBackoffLimit());
    }
    if (s.hasTtlSecondsAfterFinished()) {
      Workloads.nonNegative(errs, path + ".ttlSecondsAfterFinished", s.getTtlSecondsAfterFinished());
    }
    if (s.hasBackoffLimitPerIndex()) {
      Workloads.nonNegative(errs, path + ".backoffLimitPerIndex", s.getBackoffLimitPerIndex());
    }
    if (s.hasMaxFailedIndexes()) {
      Workloads.nonNegative(errs, path + ".maxFailedIndexes", s.getMaxFailedIndexes());
      if (!s.hasBackoffLimitPerIndex()) {
        errs.add(FieldError.required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
      }
    }
    if (s.hasCompletionMode()) {
      String mode = s.getCompletionMode();
      if (!COMPLETION_MODES.contains(mode)) {
        errs.add(FieldError.notSupported(path + ".completionMode", mode, COMPLETION_MODES));
      }
      if (mode.equals("Indexed") && !s.hasCompletions()) {
        errs.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
      }
    }
    if (!s.hasCompletionMode() || s.getCompletionMode().equals("NonIndexed")) {
      if (s.hasBackoffLimitPerIndex()) {
        errs.add(FieldError.invalid(path + ".backoffLimitPerIndex", s.getBackoffLimitPerIndex(),
            "requires indexed completion mode"));
      }
      if (s.hasMaxFailedIndexes()) {
        errs.add(FieldError.invalid(path + ".maxFailedIndexes", s.getMaxFailedIndexes(),
            "requires indexed completion mode"));
      }
    }
    if (s.hasPodReplacementPolicy()) {
      String p = s.getPodReplacementPolicy();
      if (s.hasPodFailurePolicy()) {
        if (!p.equals("Failed")) {
          errs.add(FieldError.notSupported(path + ".podReplacementPolicy", p, List.of("Failed")));
        }
      } else if (!REPLACEMENT_POLICIES.contains(p)) {
        errs.add(FieldError.notSupported(path + ".podReplacementPolicy", p, REPLACEMENT_POLICIES));
      }
    }
    V1.PodTemplateSpec t = s.getTemplate();
    errs.addAll(ObjectMetaValidation.labels(t.getMetadata().getLabelsMap(), path + ".template.metadata.labels"));
    errs.addAll(PodSpecs.validate(t.getSpec(), path + ".template.spec"));
    String restart = t.getSpec().getRestartPolicy();
    if (restart.isEmpty() || restart.equals("Always")) {
      errs.add(FieldError.required(path + ".template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""));
    } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
      errs.add(FieldError.notSupported(path + ".template.spec.restartPolicy", restart, List.of("OnFailure", "Never")));
    } else if (s.hasPodFailurePolicy() && !restart.equals("Never")) {
      errs.add(FieldError.invalid(path + ".template.spec.restartPolicy", restart,
          "only \"Never\" is supported when podFailurePolicy is specified"));
    }
    return errs;
  }

  /** upstream ValidateJobSpec's selector part: required, and it must select the template's labels. */
  static List<FieldError> validateSelector(V1Batch.JobSpec s, String path) {
    List<FieldError> errs = new ArrayList<>();
    if (!s.hasSelector()) {
      errs.add(FieldError.required(path + ".selector", ""));
      return errs;
    }
    Meta.LabelSelector selector = s.getSelector();
    errs.addAll(ObjectMetaValidation.labels(selector.getMatchLabelsMap(), path + ".selector.matchLabels"));
    LabelSelector sel;
    try {
      sel = LabelSelector.fromProto(selector);
    } catch (IllegalArgumentException e) {
      errs.add(new FieldError(FieldError.Type.INVALID, path + ".selector", GoValues.labelSelector(selector),
          e.getMessage()));
      return errs;
    }
    Map<String, String> labels = s.getTemplate().getMetadata().getLabelsMap();
    if (!sel.matches(labels)) {
      errs.add(new FieldError(FieldError.Type.INVALID, path + ".template.metadata.labels",
          GoValues.stringMap(labels), "`selector` does not match template `labels`"));
    }
    return errs;
  }
}
