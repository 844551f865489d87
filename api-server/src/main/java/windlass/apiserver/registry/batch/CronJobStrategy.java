package windlass.apiserver.registry.batch;

import io.kubernetes.client.proto.V1Batch;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.GoValues;
import windlass.apiserver.registry.apps.Workloads;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * batch/v1 CronJobs as upstream: defaults (concurrencyPolicy Allow, suspend false, history limits 3 and 1, pod
 * defaults in the job template), a schedule that parses as standard cron (robfig/cron's error in the message), a
 * valid IANA timeZone, names of at most 52 characters (the controller appends 11), a job template whose selector is
 * always generated, and generation following spec.
 */
public final class CronJobStrategy extends BaseStrategy<V1Batch.CronJob> {
  private static final List<String> POLICIES = List.of("Allow", "Forbid", "Replace");

  public CronJobStrategy() {
    super(Kinds.CRON_JOB, V1Batch.CronJob.class, CronJobStrategy::name);
  }

  private static List<String> name(String name) {
    List<String> errs = new ArrayList<>(NameFormats.dns1123Subdomain(name));
    if (name.length() > 52) {
      errs.add("must be no more than 52 characters");
    }
    return errs;
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected V1Batch.CronJob applyDefaults(V1Batch.CronJob cj) {
    V1Batch.CronJobSpec.Builder s = cj.getSpec().toBuilder();
    if (!s.hasConcurrencyPolicy()) {
      s.setConcurrencyPolicy("Allow");
    }
    if (!s.hasSuspend()) {
      s.setSuspend(false);
    }
    if (!s.hasSuccessfulJobsHistoryLimit()) {
      s.setSuccessfulJobsHistoryLimit(3);
    }
    if (!s.hasFailedJobsHistoryLimit()) {
      s.setFailedJobsHistoryLimit(1);
    }
    V1Batch.JobTemplateSpec.Builder jt = s.getJobTemplateBuilder();
    jt.getSpecBuilder().setTemplate(JobSpecs.template(jt.getSpec().getTemplate()));
    return cj.toBuilder().setSpec(s).build();
  }

  @Override
  protected List<FieldError> check(V1Batch.CronJob cj) {
    return spec(cj.getSpec(), null);
  }

  @Override
  protected List<FieldError> checkUpdate(V1Batch.CronJob cj, V1Batch.CronJob old) {
    // check() ran already with no old spec; only what depends on the old spec differs (TZ in schedule, timeZone)
    List<FieldError> now = spec(cj.getSpec(), old.getSpec());
    List<FieldError> before = spec(cj.getSpec(), null);
    List<FieldError> extra = new ArrayList<>(now);
    extra.removeAll(before);
    return extra;
  }

  private static List<FieldError> spec(V1Batch.CronJobSpec s, V1Batch.CronJobSpec old) {
    List<FieldError> errs = new ArrayList<>();
    if (s.getSchedule().isEmpty()) {
      errs.add(FieldError.required("spec.schedule", ""));
    } else {
      boolean tzAllowed = old != null && old.getSchedule().contains("TZ");
      try {
        CronSchedule.parse(s.getSchedule());
      } catch (IllegalArgumentException e) {
        errs.add(FieldError.invalid("spec.schedule", s.getSchedule(), e.getMessage()));
      }
      if (tzAllowed && s.getSchedule().contains("TZ")) {
        if (s.hasTimeZone()) {
          errs.add(FieldError.invalid("spec.schedule", s.getSchedule(),
              "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        }
      } else if (s.getSchedule().contains("TZ")) {
        errs.add(FieldError.invalid("spec.schedule", s.getSchedule(),
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
      }
    }
    if (s.hasStartingDeadlineSeconds()) {
      Workloads.nonNegative(errs, "spec.startingDeadlineSeconds", s.getStartingDeadlineSeconds());
    }
    if (s.hasTimeZone() && (old == null || !old.getTimeZone().equals(s.getTimeZone()))) {
      errs.addAll(timeZone(s.getTimeZone()));
    }
    String policy = s.getConcurrencyPolicy();
    if (policy.isEmpty()) {
      errs.add(FieldError.required("spec.concurrencyPolicy", ""));
    } else if (!POLICIES.contains(policy)) {
      errs.add(FieldError.notSupported("spec.concurrencyPolicy", policy, POLICIES));
    }
    V1Batch.JobSpec job = s.getJobTemplate().getSpec();
    errs.addAll(JobSpecs.validate(job, "spec.jobTemplate.spec"));
    if (job.hasSelector()) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.jobTemplate.spec.selector",
          GoValues.labelSelector(job.getSelector()), "`selector` will be auto-generated"));
    }
    if (job.hasManualSelector() && job.getManualSelector()) {
      errs.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.jobTemplate.spec.manualSelector", "true",
          "supported values: \"nil\", \"false\""));
    }
    if (s.hasSuccessfulJobsHistoryLimit()) {
      Workloads.nonNegative(errs, "spec.successfulJobsHistoryLimit", s.getSuccessfulJobsHistoryLimit());
    }
    if (s.hasFailedJobsHistoryLimit()) {
      Workloads.nonNegative(errs, "spec.failedJobsHistoryLimit", s.getFailedJobsHistoryLimit());
    }
    return errs;
  }

  private static List<FieldError> timeZone(String tz) {
    if (tz.isEmpty()) {
      return List.of(FieldError.invalid("spec.timeZone", tz, "timeZone must be nil or non-empty string"));
    }
    if (tz.toLowerCase(Locale.ROOT).equals("local")) {
      return List.of(FieldError.invalid("spec.timeZone", tz,
          "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    }
    try {
      if (!tz.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(tz)) {
        throw new DateTimeException(tz);
      }
      ZoneId.of(tz);
    } catch (DateTimeException e) {
      return List.of(FieldError.invalid("spec.timeZone", tz, "unknown time zone " + tz));
    }
    return List.of();
  }
}
