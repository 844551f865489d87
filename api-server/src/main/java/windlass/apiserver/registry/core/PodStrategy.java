package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * Pods as upstream: defaults (pod spec, service links, requests from limits), status reset to Pending with the QoS
 * class on create, the admission defaults every cluster has on (not-ready/unreachable tolerations, priority), a spec
 * that only changes in images, activeDeadlineSeconds and added tolerations, and graceful deletion once bound.
 */
public final class PodStrategy extends BaseStrategy<V1.Pod> {
  static final String IMMUTABLE_SPEC = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
      + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
  private static final long DEFAULT_TOLERATION_SECONDS = 300;

  public PodStrategy() {
    super(Kinds.POD, V1.Pod.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.Pod applyDefaults(V1.Pod pod) {
    V1.PodSpec defaulted = PodSpecs.defaults(pod.getSpec());
    if (defaulted == pod.getSpec() && defaulted.hasEnableServiceLinks()
        && defaulted.getContainersList().stream().allMatch(PodStrategy::hasRequestsForLimits)
        && defaulted.getInitContainersList().stream().allMatch(PodStrategy::hasRequestsForLimits)) {
      return pod; // defaulted before (admission defaults, then the store): nothing to rebuild
    }
    V1.PodSpec.Builder spec = defaulted.toBuilder();
    if (!spec.hasEnableServiceLinks()) {
      spec.setEnableServiceLinks(true);
    }
    for (int i = 0; i < spec.getContainersCount(); i++) {
      spec.setContainers(i, requestsFromLimits(spec.getContainers(i)));
    }
    for (int i = 0; i < spec.getInitContainersCount(); i++) {
      spec.setInitContainers(i, requestsFromLimits(spec.getInitContainers(i)));
    }
    return pod.toBuilder().setSpec(spec).build();
  }

  private static boolean hasRequestsForLimits(V1.Container c) {
    V1.ResourceRequirements r = c.getResources();
    for (String k : r.getLimitsMap().keySet()) {
      if (!r.containsRequests(k)) {
        return false;
      }
    }
    return true;
  }

  private static V1.Container requestsFromLimits(V1.Container c) {
    V1.ResourceRequirements r = c.getResources();
    if (hasRequestsForLimits(c)) {
      return c;
    }
    V1.ResourceRequirements.Builder b = r.toBuilder();
    for (Map.Entry<String, Quantity> e : r.getLimitsMap().entrySet()) {
      if (!r.containsRequests(e.getKey())) {
        b.putRequests(e.getKey(), e.getValue());
      }
    }
    return c.toBuilder().setResources(b).build();
  }

  @Override
  protected V1.Pod resetForCreate(V1.Pod pod) {
    V1.PodSpec.Builder spec = pod.getSpec().toBuilder();
    addDefaultToleration(spec, "node.kubernetes.io/not-ready");
    addDefaultToleration(spec, "node.kubernetes.io/unreachable");
    if (!spec.hasPriority() && spec.getPriorityClassName().isEmpty()) {
      spec.setPriority(0);
    }
    if (!spec.hasPreemptionPolicy()) {
      spec.setPreemptionPolicy("PreemptLowerPriority");
    }
    V1.PodStatus status = V1.PodStatus.newBuilder().setPhase("Pending").setQosClass(PodQos.of(spec.build())).build();
    return pod.toBuilder().setSpec(spec).setStatus(status).build();
  }

  /** upstream's DefaultTolerationSeconds admission: tolerate a NotReady/Unreachable node for 300s. */
  private static void addDefaultToleration(V1.PodSpec.Builder spec, String key) {
    for (V1.Toleration t : spec.getTolerationsList()) {
      boolean coversKey = t.getKey().equals(key) || (t.getKey().isEmpty() && "Exists".equals(t.getOperator()));
      boolean coversEffect = t.getEffect().isEmpty() || t.getEffect().equals("NoExecute");
      if (coversKey && coversEffect) {
        return;
      }
    }
    spec.addTolerations(V1.Toleration.newBuilder().setKey(key).setOperator("Exists").setEffect("NoExecute")
        .setTolerationSeconds(DEFAULT_TOLERATION_SECONDS));
  }

  /**
   * Keeps status, and what admission set on create when a replace leaves it out (priority, preemptionPolicy, the
   * default tolerations), as upstream's admission does on update; anything else is checked by
   * {@link #checkUpdate}.
   */
  @Override
  public Message prepareForUpdate(Message obj, Message old) {
    V1.Pod pod = cast(super.prepareForUpdate(obj, old));
    V1.PodSpec was = cast(old).getSpec();
    V1.PodSpec.Builder spec = pod.getSpec().toBuilder();
    if (!spec.hasPriority() && was.hasPriority()) {
      spec.setPriority(was.getPriority());
    }
    if (!spec.hasPreemptionPolicy() && was.hasPreemptionPolicy()) {
      spec.setPreemptionPolicy(was.getPreemptionPolicy());
    }
    for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
      boolean hadDefault = was.getTolerationsList().stream().anyMatch(t -> t.getKey().equals(key)
          && t.getTolerationSeconds() == DEFAULT_TOLERATION_SECONDS && "NoExecute".equals(t.getEffect()));
      if (hadDefault) {
        addDefaultToleration(spec, key);
      }
    }
    return pod.toBuilder().setSpec(spec).build();
  }

  @Override
  protected List<FieldError> check(V1.Pod pod) {
    return PodSpecs.validate(pod.getSpec(), "spec");
  }

  @Override
  protected List<FieldError> checkUpdate(V1.Pod pod, V1.Pod old) {
    V1.PodSpec now = pod.getSpec();
    if (now.getContainersCount() != old.getSpec().getContainersCount()) {
      return List.of(FieldError.forbidden("spec.containers", "pod updates may not add or remove containers"));
    }
    if (now.getInitContainersCount() != old.getSpec().getInitContainersCount()) {
      return List.of(FieldError.forbidden("spec.initContainers", "pod updates may not add or remove containers"));
    }
    V1.PodSpec.Builder allowed = old.getSpec().toBuilder();
    for (int i = 0; i < allowed.getContainersCount() && i < now.getContainersCount(); i++) {
      allowed.setContainers(i, allowed.getContainers(i).toBuilder().setImage(now.getContainers(i).getImage()));
    }
    for (int i = 0; i < allowed.getInitContainersCount() && i < now.getInitContainersCount(); i++) {
      allowed.setInitContainers(i,
          allowed.getInitContainers(i).toBuilder().setImage(now.getInitContainers(i).getImage()));
    }
    if (now.hasActiveDeadlineSeconds()) {
      allowed.setActiveDeadlineSeconds(now.getActiveDeadlineSeconds());
    }
    if (now.getTolerationsList().containsAll(old.getSpec().getTolerationsList())) {
      allowed.clearTolerations().addAllTolerations(now.getTolerationsList());
    }
    if (old.getSpec().getTerminationGracePeriodSeconds() < 0 && now.getTerminationGracePeriodSeconds() == 1) {
      allowed.setTerminationGracePeriodSeconds(1);
    }
    if (!allowed.build().equals(now)) {
      return List.of(FieldError.forbidden("spec", IMMUTABLE_SPEC));
    }
    return List.of();
  }

  @Override
  public Map<String, String> selectableFields(Message obj) {
    V1.Pod p = cast(obj);
    return Map.of(
        "spec.nodeName", p.getSpec().getNodeName(),
        "spec.restartPolicy", p.getSpec().getRestartPolicy(),
        "spec.schedulerName", p.getSpec().getSchedulerName(),
        "spec.serviceAccountName", p.getSpec().getServiceAccountName(),
        "spec.hostNetwork", Boolean.toString(p.getSpec().getHostNetwork()),
        "status.phase", p.getStatus().getPhase(),
        "status.podIP", p.getStatus().getPodIP(),
        "status.nominatedNodeName", p.getStatus().getNominatedNodeName());
  }

  /**
   * upstream's pod CheckGracefulDelete: the requested period, else spec.terminationGracePeriodSeconds; 0 for a pod no
   * kubelet runs (unscheduled) or one that has finished; a negative period counts as 1.
   */
  @Override
  public long gracePeriodSeconds(Message obj, Long requested) {
    V1.Pod p = cast(obj);
    long grace = requested != null ? requested
        : p.getSpec().hasTerminationGracePeriodSeconds() ? p.getSpec().getTerminationGracePeriodSeconds() : 30;
    if (p.getSpec().getNodeName().isEmpty()) {
      return 0;
    }
    String phase = p.getStatus().getPhase();
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    return grace < 0 ? 1 : grace;
  }
}
