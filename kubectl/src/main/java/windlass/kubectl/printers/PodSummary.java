package windlass.kubectl.printers;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code kubectl get pods} shows about a pod's containers, computed as upstream's printPod does: READY
 * (ready/total, sidecars counted), STATUS (the phase, else the most telling container reason: "Init:1/2",
 * "Init:CrashLoopBackOff", "ErrImagePull", "Completed", "ExitCode:3", "Terminating", ...) and RESTARTS with the time of
 * the last restart.
 *
 * @param lastRestart when the last restart happened (the previous run's finish), or null when unknown
 */
public record PodSummary(int ready, int total, String status, int restarts, Instant lastRestart) {

  /** upstream node.NodeUnreachablePodReason */
  static final String NODE_UNREACHABLE = "NodeLost";

  public static PodSummary of(V1.Pod pod) {
    V1.PodSpec spec = pod.getSpec();
    V1.PodStatus st = pod.getStatus();
    int restarts = 0;
    int sidecarRestarts = 0;
    int total = spec.getContainersCount();
    int ready = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;

    String phase = st.getPhase();
    String reason = st.getReason().isEmpty() ? phase : st.getReason();
    for (V1.PodCondition c : st.getConditionsList()) {
      if (c.getType().equals("PodScheduled") && c.getReason().equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }

    Map<String, V1.Container> initContainers = new HashMap<>();
    for (V1.Container c : spec.getInitContainersList()) {
      initContainers.put(c.getName(), c);
      if (isSidecar(c)) {
        total++;
      }
    }

    boolean initializing = false;
    for (int i = 0; i < st.getInitContainerStatusesCount(); i++) {
      V1.ContainerStatus cs = st.getInitContainerStatuses(i);
      restarts += cs.getRestartCount();
      lastRestart = later(lastRestart, finishedAt(cs.getLastState()));
      boolean sidecar = isSidecar(initContainers.get(cs.getName()));
      if (sidecar) {
        sidecarRestarts += cs.getRestartCount();
        lastSidecarRestart = later(lastSidecarRestart, finishedAt(cs.getLastState()));
      }
      V1.ContainerState s = cs.getState();
      if (s.hasTerminated() && s.getTerminated().getExitCode() == 0) {
        continue;
      }
      if (sidecar && cs.hasStarted() && cs.getStarted()) {
        if (cs.getReady()) {
          ready++;
        }
        continue;
      }
      if (s.hasTerminated()) {
        V1.ContainerStateTerminated t = s.getTerminated();
        if (t.getReason().isEmpty()) {
          reason = t.getSignal() != 0 ? "Init:Signal:" + t.getSignal() : "Init:ExitCode:" + t.getExitCode();
        } else {
          reason = "Init:" + t.getReason();
        }
      } else if (s.hasWaiting() && !s.getWaiting().getReason().isEmpty()
          && !s.getWaiting().getReason().equals("PodInitializing")) {
        reason = "Init:" + s.getWaiting().getReason();
      } else {
        reason = "Init:" + i + "/" + spec.getInitContainersCount();
      }
      initializing = true;
      break;
    }

    if (!initializing || hasCondition(st, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      for (int i = st.getContainerStatusesCount() - 1; i >= 0; i--) {
        V1.ContainerStatus cs = st.getContainerStatuses(i);
        restarts += cs.getRestartCount();
        lastRestart = later(lastRestart, finishedAt(cs.getLastState()));
        V1.ContainerState s = cs.getState();
        if (s.hasWaiting() && !s.getWaiting().getReason().isEmpty()) {
          reason = s.getWaiting().getReason();
        } else if (s.hasTerminated() && !s.getTerminated().getReason().isEmpty()) {
          reason = s.getTerminated().getReason();
        } else if (s.hasTerminated()) {
          V1.ContainerStateTerminated t = s.getTerminated();
          reason = t.getSignal() != 0 ? "Signal:" + t.getSignal() : "ExitCode:" + t.getExitCode();
        } else if (cs.getReady() && s.hasRunning()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = hasCondition(st, "Ready") ? "Running" : "NotReady";
      }
    }

    boolean deleting = pod.getMetadata().hasDeletionTimestamp();
    if (deleting && st.getReason().equals(NODE_UNREACHABLE)) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    return new PodSummary(ready, total, reason, restarts, lastRestart);
  }

  public String readyCell() {
    return ready + "/" + total;
  }

  /** "0", or with a known last restart "5 (3m2s ago)". */
  public String restartsCell(Instant now) {
    if (restarts != 0 && lastRestart != null) {
      return restarts + " (" + HumanDuration.format(java.time.Duration.between(lastRestart, now)) + " ago)";
    }
    return Integer.toString(restarts);
  }

  /** A sidecar: an init container with restartPolicy Always (upstream IsRestartableInitContainer). */
  private static boolean isSidecar(V1.Container c) {
    return c != null && c.getRestartPolicy().equals("Always");
  }

  private static boolean hasCondition(V1.PodStatus st, String type) {
    for (V1.PodCondition c : st.getConditionsList()) {
      if (c.getType().equals(type) && c.getStatus().equals("True")) {
        return true;
      }
    }
    return false;
  }

  private static Instant finishedAt(V1.ContainerState last) {
    if (!last.hasTerminated()) {
      return null;
    }
    Meta.Time t = last.getTerminated().getFinishedAt();
    return HumanDuration.isZero(t) ? null : HumanDuration.instant(t);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }
}
