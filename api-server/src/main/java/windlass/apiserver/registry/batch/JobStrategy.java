package windlass.apiserver.registry.batch;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.GoValues;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.LabelSelector;
import windlass.client.validation.NameFormats;

/**
 * batch/v1 Jobs as upstream: defaults (completions/parallelism 1, backoffLimit 6, NonIndexed, suspend false,
 * manualSelector false, podReplacementPolicy), labels copied from the template, a generated selector on
 * batch.kubernetes.io/controller-uid with the controller-uid / job-name labels on the template, restartPolicy
 * OnFailure or Never, generation following spec, and an immutable selector, template (while running),
 * completionMode and completions (unless an Indexed job scales completions with parallelism).
 */
public final class JobStrategy extends BaseStrategy<V1Batch.Job> {
  public JobStrategy() {
    super(Kinds.JOB, V1Batch.Job.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected V1Batch.Job applyDefaults(V1Batch.Job job) {
    V1Batch.Job.Builder b = job.toBuilder().setSpec(JobSpecs.defaults(job.getSpec()));
    Map<String, String> templateLabels = job.getSpec().getTemplate().getMetadata().getLabelsMap();
    if (!templateLabels.isEmpty() && job.getMetadata().getLabelsCount() == 0) {
      b.getMetadataBuilder().putAllLabels(templateLabels);
    }
    return b.build();
  }

  /** upstream generateSelector (done in its Validate, once the uid is known). */
  @Override
  public Message completeCreate(Message obj) {
    V1Batch.Job job = cast(obj);
    if (job.getSpec().getManualSelector()) {
      return job;
    }
    ObjectMeta m = job.getMetadata();
    V1Batch.Job.Builder b = job.toBuilder();
    V1.PodTemplateSpec.Builder t = b.getSpecBuilder().getTemplateBuilder();
    ObjectMeta.Builder tm = t.getMetadataBuilder();
    for (String k : List.of(JobSpecs.LEGACY_JOB_NAME, JobSpecs.JOB_NAME)) {
      if (!tm.containsLabels(k)) {
        tm.putLabels(k, m.getName());
      }
    }
    for (String k : List.of(JobSpecs.LEGACY_CONTROLLER_UID, JobSpecs.CONTROLLER_UID)) {
      if (!tm.containsLabels(k)) {
        tm.putLabels(k, m.getUid());
      }
    }
    Meta.LabelSelector.Builder sel = b.getSpecBuilder().getSelectorBuilder();
    if (!sel.containsMatchLabels(JobSpecs.CONTROLLER_UID)) {
      sel.putMatchLabels(JobSpecs.CONTROLLER_UID, m.getUid());
    }
    // upstream defaults again when it reads the object back from storage: a Job without labels shows its template's
    if (m.getLabelsCount() == 0) {
      b.getMetadataBuilder().putAllLabels(tm.getLabelsMap());
    }
    return b.build();
  }

  @Override
  protected List<FieldError> check(V1Batch.Job job) {
    V1Batch.JobSpec s = job.getSpec();
    // upstream ValidateJob's order: the generated selector, then the spec
    List<FieldError> errs = new ArrayList<>(generatedSelector(job));
    errs.addAll(JobSpecs.validate(s, "spec"));
    errs.addAll(JobSpecs.validateSelector(s, "spec"));
    return errs;
  }

  /** upstream ValidateGeneratedSelector: without manualSelector the selector must be the generated one. */
  private static List<FieldError> generatedSelector(V1Batch.Job job) {
    V1Batch.JobSpec s = job.getSpec();
    if (s.getManualSelector() || !s.hasSelector()) {
      return List.of();
    }
    List<FieldError> errs = new ArrayList<>();
    ObjectMeta m = job.getMetadata();
    if (m.getUid().isEmpty()) {
      errs.add(FieldError.required("metadata.uid", ""));
    }
    Map<String, String> expected = Map.of(JobSpecs.CONTROLLER_UID, m.getUid(), JobSpecs.LEGACY_CONTROLLER_UID,
        m.getUid(), JobSpecs.LEGACY_JOB_NAME, m.getName(), JobSpecs.JOB_NAME, m.getName());
    try {
      if (!LabelSelector.fromProto(s.getSelector()).matches(expected)) {
        errs.add(new FieldError(FieldError.Type.INVALID, "spec.selector", GoValues.labelSelector(s.getSelector()),
            "`selector` not auto-generated"));
      }
    } catch (IllegalArgumentException e) {
      // reported by the selector's own validation
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Batch.Job job, V1Batch.Job old) {
    V1Batch.JobSpec s = job.getSpec();
    V1Batch.JobSpec o = old.getSpec();
    List<FieldError> errs = new ArrayList<>();
    boolean elastic = s.getCompletionMode().equals("Indexed") && s.hasCompletions() && s.hasParallelism()
        && s.getCompletions() == s.getParallelism();
    if (!elastic && (s.hasCompletions() != o.hasCompletions() || s.getCompletions() != o.getCompletions())) {
      errs.add(immutable("spec.completions", s.hasCompletions() ? Integer.toString(s.getCompletions()) : "null"));
    }
    if (!s.getSelector().equals(o.getSelector())) {
      errs.add(immutable("spec.selector", GoValues.labelSelector(s.getSelector())));
    }
    if (!s.getTemplate().equals(o.getTemplate()) && !schedulingOnlyWhileSuspended(job, old)) {
      errs.add(immutable("spec.template", "core.PodTemplateSpec{...}"));
    }
    if (!s.getCompletionMode().equals(o.getCompletionMode())) {
      errs.add(immutable("spec.completionMode", GoValues.quote(s.getCompletionMode())));
    }
    if (!s.getPodFailurePolicy().equals(o.getPodFailurePolicy())) {
      errs.add(immutable("spec.podFailurePolicy", "batch.PodFailurePolicy{...}"));
    }
    if (s.hasBackoffLimitPerIndex() != o.hasBackoffLimitPerIndex()
        || s.getBackoffLimitPerIndex() != o.getBackoffLimitPerIndex()) {
      errs.add(immutable("spec.backoffLimitPerIndex",
          s.hasBackoffLimitPerIndex() ? Integer.toString(s.getBackoffLimitPerIndex()) : "null"));
    }
    if (!s.getManagedBy().equals(o.getManagedBy())) {
      errs.add(immutable("spec.managedBy", GoValues.quote(s.getManagedBy())));
    }
    if (!s.getSuccessPolicy().equals(o.getSuccessPolicy())) {
      errs.add(immutable("spec.successPolicy", "batch.SuccessPolicy{...}"));
    }
    return errs;
  }

  /**
   * upstream's mutable scheduling directives: a suspended job that never started may change its template's labels,
   * annotations, node selector, tolerations, affinity and scheduling gates.
   */
  private static boolean schedulingOnlyWhileSuspended(V1Batch.Job job, V1Batch.Job old) {
    if (!old.getSpec().getSuspend() || old.getStatus().hasStartTime()) {
      return false;
    }
    return schedulingCleared(job.getSpec().getTemplate()).equals(schedulingCleared(old.getSpec().getTemplate()));
  }

  private static V1.PodTemplateSpec schedulingCleared(V1.PodTemplateSpec t) {
    V1.PodTemplateSpec.Builder b = t.toBuilder();
    b.getMetadataBuilder().clearLabels().clearAnnotations();
    b.getSpecBuilder().clearNodeSelector().clearTolerations().clearAffinity().clearSchedulingGates();
    return b.build();
  }

  private static FieldError immutable(String field, String value) {
    return new FieldError(FieldError.Type.INVALID, field, value, "field is immutable");
  }
}
