package windlass.kubelet.status;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a pod's API status from what the runtime shows (pure: no calls, time passed in). Follows upstream's kubelet:
 * container states per protocols.md 6.6, phase per 6.7, conditions PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, PodScheduled with transition times kept while a condition holds.
 */
public final class PodStatusFactory {
  /** What the runtime showed for one pod at one sync. */
  public record Observed(
      /** Per spec container name: its runtime containers, newest (highest restart count) first. */
      Map<String, List<ContainerRecord>> containers,
      /** Waiting reasons from this sync's errors and back-offs, per container name. */
      Map<String, Waiting> waiting,
      /** Whether the pod has a ready sandbox. */
      boolean sandboxReady,
      /** Pod IPs from PodSandboxStatus (empty for none). */
      List<String> podIps,
      String hostIp) {}

  private final String runtimeName;

  /** {@code runtimeName}: the scheme of container IDs ("containerd" gives containerd://&lt;id&gt;). */
  public PodStatusFactory(String runtimeName) {
    this.runtimeName = runtimeName;
  }

  public V1.PodStatus build(V1.Pod pod, Observed o, V1.PodStatus previous, Instant now) {
    V1.PodSpec spec = pod.getSpec();
    List<V1.ContainerStatus> statuses = new ArrayList<>();
    for (V1.Container c : spec.getContainersList()) {
      statuses.add(containerStatus(c, o.containers().getOrDefault(c.getName(), List.of()),
          o.waiting().get(c.getName()), find(previous.getContainerStatusesList(), c.getName())));
    }
    String phase = PodPhases.isTerminal(previous.getPhase()) ? previous.getPhase()
        : PodPhases.compute(spec.getRestartPolicy(), spec.getContainersCount(), statuses);

    V1.PodStatus.Builder b = V1.PodStatus.newBuilder().setPhase(phase);
    if (!previous.getQosClass().isEmpty()) {
      b.setQosClass(previous.getQosClass());
    }
    b.setStartTime(previous.hasStartTime() ? previous.getStartTime() : time(now));
    if (!o.hostIp().isEmpty()) {
      b.setHostIP(o.hostIp()).addHostIPs(V1.HostIP.newBuilder().setIp(o.hostIp()));
    }
    List<String> ips = spec.getHostNetwork() && !o.hostIp().isEmpty() ? List.of(o.hostIp()) : o.podIps();
    if (ips.isEmpty() && PodPhases.isTerminal(phase)) {
      ips = previous.getPodIPsList().stream().map(V1.PodIP::getIp).toList(); // a finished pod keeps its IPs
    }
    if (!ips.isEmpty()) {
      b.setPodIP(ips.get(0));
      ips.forEach(ip -> b.addPodIPs(V1.PodIP.newBuilder().setIp(ip)));
    }
    b.addAllContainerStatuses(statuses);

    List<String> unready = new ArrayList<>();
    for (V1.ContainerStatus s : statuses) {
      if (!s.getReady()) {
        unready.add(s.getName());
      }
    }
    boolean completed = PodPhases.SUCCEEDED.equals(phase);
    String notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
    String notReadyMessage = completed ? "" : "containers with unready status: [" + String.join(" ", unready) + "]";
    boolean allReady = unready.isEmpty() && !completed;
    b.addConditions(condition(previous, "PodReadyToStartContainers", o.sandboxReady(), "", "", now));
    b.addConditions(condition(previous, "Initialized", true, "", "", now));
    b.addConditions(condition(previous, "Ready", allReady, allReady ? "" : notReadyReason,
        allReady ? "" : notReadyMessage, now));
    b.addConditions(condition(previous, "ContainersReady", allReady, allReady ? "" : notReadyReason,
        allReady ? "" : notReadyMessage, now));
    b.addConditions(condition(previous, "PodScheduled", true, "", "", now));
    return b.build();
  }

  V1.ContainerStatus containerStatus(V1.Container c, List<ContainerRecord> records, Waiting waiting,
      V1.ContainerStatus previous) {
    V1.ContainerStatus.Builder b = V1.ContainerStatus.newBuilder().setName(c.getName()).setImage(c.getImage())
        .setImageID("").setReady(false).setStarted(false).setRestartCount(0);
    if (records.isEmpty()) {
      Waiting w = waiting != null ? waiting : new Waiting(Waiting.CONTAINER_CREATING, "");
      return b.setState(waitingState(w)).setLastState(V1.ContainerState.getDefaultInstance()).build();
    }
    ContainerRecord latest = records.get(0);
    ContainerRecord prior = records.size() > 1 ? records.get(1) : null;
    b.setRestartCount(latest.restartCount()).setImageID(latest.imageRef())
        .setContainerID(runtimeName + "://" + latest.id());
    V1.ContainerState lastFromPrior = prior != null && prior.exited()
        ? V1.ContainerState.newBuilder().setTerminated(terminated(prior)).build()
        : V1.ContainerState.getDefaultInstance();
    switch (latest.state()) {
      case CONTAINER_RUNNING -> {
        b.setState(V1.ContainerState.newBuilder().setRunning(V1.ContainerStateRunning.newBuilder()
            .setStartedAt(time(latest.startedAt() != null ? latest.startedAt() : latest.createdAt()))));
        b.setLastState(lastFromPrior).setReady(true).setStarted(true);
      }
      case CONTAINER_EXITED -> {
        V1.ContainerState term = V1.ContainerState.newBuilder().setTerminated(terminated(latest)).build();
        if (waiting != null) { // about to restart (or backing off): waiting, the exit becomes lastState
          b.setState(waitingState(waiting)).setLastState(term);
        } else {
          b.setState(term).setLastState(lastFromPrior);
        }
      }
      case CONTAINER_CREATED -> b.setState(waitingState(waiting != null ? waiting : new Waiting("", "")))
          .setLastState(lastFromPrior);
      default -> { // CONTAINER_UNKNOWN
        boolean wasRunning = previous != null && previous.getState().hasRunning();
        if (wasRunning) {
          b.setState(V1.ContainerState.newBuilder().setTerminated(V1.ContainerStateTerminated.newBuilder()
              .setExitCode(137).setReason("ContainerStatusUnknown")
              .setMessage("The container could not be located when the pod was terminated")));
        } else {
          b.setState(waitingState(waiting != null ? waiting : new Waiting("", "")));
        }
        b.setLastState(lastFromPrior);
      }
    }
    return b.build();
  }

  private V1.ContainerStateTerminated terminated(ContainerRecord r) {
    V1.ContainerStateTerminated.Builder t = V1.ContainerStateTerminated.newBuilder()
        .setExitCode(r.exitCode())
        .setReason(!r.reason().isEmpty() ? r.reason() : r.exitCode() == 0 ? "Completed" : "Error")
        .setContainerID(runtimeName + "://" + r.id());
    if (!r.message().isEmpty()) {
      t.setMessage(r.message());
    }
    if (r.startedAt() != null) {
      t.setStartedAt(time(r.startedAt()));
    }
    if (r.finishedAt() != null) {
      t.setFinishedAt(time(r.finishedAt()));
    }
    return t.build();
  }

  private static V1.ContainerState waitingState(Waiting w) {
    V1.ContainerStateWaiting.Builder wb = V1.ContainerStateWaiting.newBuilder();
    if (!w.reason().isEmpty()) {
      wb.setReason(w.reason());
    }
    if (!w.message().isEmpty()) {
      wb.setMessage(w.message());
    }
    return V1.ContainerState.newBuilder().setWaiting(wb).build();
  }

  private static V1.PodCondition condition(V1.PodStatus previous, String type, boolean status, String reason,
      String message, Instant now) {
    String s = status ? "True" : "False";
    V1.PodCondition.Builder c = V1.PodCondition.newBuilder().setType(type).setStatus(s);
    V1.PodCondition prev = previous.getConditionsList().stream()
        .filter(p -> p.getType().equals(type)).findFirst().orElse(null);
    c.setLastTransitionTime(prev != null && prev.getStatus().equals(s) && prev.hasLastTransitionTime()
        ? prev.getLastTransitionTime() : time(now));
    if (!reason.isEmpty()) {
      c.setReason(reason);
    }
    if (!message.isEmpty()) {
      c.setMessage(message);
    }
    return c.build();
  }

  private static V1.ContainerStatus find(List<V1.ContainerStatus> list, String name) {
    return list.stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
  }

  /** API times have second precision (RFC 3339 on the wire). */
  public static Meta.Time time(Instant t) {
    return Meta.Time.newBuilder().setSeconds(t.getEpochSecond()).setNanos(0).build();
  }
}
