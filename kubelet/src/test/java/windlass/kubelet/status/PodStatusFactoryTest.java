package windlass.kubelet.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.ContainerState;

class PodStatusFactoryTest {
  private final PodStatusFactory f = new PodStatusFactory("containerd");
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  private static V1.Pod pod(String policy) {
    V1.Pod.Builder p = V1.Pod.newBuilder();
    p.getMetadataBuilder().setNamespace("ns").setName("web").setUid("u");
    p.getSpecBuilder().setRestartPolicy(policy).addContainers(V1.Container.newBuilder().setName("c").setImage("busybox:1.35"));
    return p.build();
  }

  private ContainerRecord rec(String id, int restarts, ContainerState st, int exit, String reason) {
    return new ContainerRecord(id, "c", restarts, st, t0, t0.plusSeconds(1),
        st == ContainerState.CONTAINER_EXITED ? t0.plusSeconds(2) : null, exit, reason, "", "sha256:img", "h", "sb");
  }

  private V1.PodStatus build(V1.Pod pod, Map<String, List<ContainerRecord>> recs, Map<String, Waiting> waiting,
      V1.PodStatus prev, Instant now) {
    return f.build(pod, new PodStatusFactory.Observed(recs, waiting, true, List.of("10.88.0.7"), "10.0.0.1"), prev, now);
  }

  @Test
  void noContainerYetIsContainerCreatingAndPending() {
    V1.PodStatus s = build(pod("Always"), Map.of(), Map.of(), V1.PodStatus.getDefaultInstance(), t0);
    assertEquals("Pending", s.getPhase());
    assertEquals("ContainerCreating", s.getContainerStatuses(0).getState().getWaiting().getReason());
    assertEquals("10.88.0.7", s.getPodIP());
    assertEquals("10.0.0.1", s.getHostIP());
    assertEquals(t0.getEpochSecond(), s.getStartTime().getSeconds());
    var ready = s.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    assertEquals("False", ready.getStatus());
    assertEquals("ContainersNotReady", ready.getReason());
    assertEquals("containers with unready status: [c]", ready.getMessage());
  }

  @Test
  void runningContainerIsReadyWithItsIdsAndStartTime() {
    V1.PodStatus s = build(pod("Always"), Map.of("c", List.of(rec("abc", 0, ContainerState.CONTAINER_RUNNING, 0, ""))),
        Map.of(), V1.PodStatus.getDefaultInstance(), t0);
    V1.ContainerStatus cs = s.getContainerStatuses(0);
    assertEquals("Running", s.getPhase());
    assertTrue(cs.getReady() && cs.getStarted());
    assertEquals("containerd://abc", cs.getContainerID());
    assertEquals("sha256:img", cs.getImageID());
    assertEquals("busybox:1.35", cs.getImage());
    assertEquals(t0.getEpochSecond() + 1, cs.getState().getRunning().getStartedAt().getSeconds());
    assertEquals(List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"),
        s.getConditionsList().stream().map(V1.PodCondition::getType).toList());
    assertTrue(s.getConditionsList().stream().allMatch(c -> c.getStatus().equals("True")));
  }

  @Test
  void crashLoopShowsWaitingWithTheExitAsLastState() {
    var recs = Map.of("c", List.of(rec("b", 1, ContainerState.CONTAINER_EXITED, 3, "Error"),
        rec("a", 0, ContainerState.CONTAINER_EXITED, 3, "Error")));
    V1.PodStatus s = build(pod("Always"), recs, Map.of("c", new Waiting("CrashLoopBackOff", "back-off 10s")),
        V1.PodStatus.getDefaultInstance(), t0);
    V1.ContainerStatus cs = s.getContainerStatuses(0);
    assertEquals("CrashLoopBackOff", cs.getState().getWaiting().getReason());
    assertEquals(3, cs.getLastState().getTerminated().getExitCode());
    assertEquals("containerd://b", cs.getLastState().getTerminated().getContainerID());
    assertEquals(1, cs.getRestartCount());
    assertEquals("Running", s.getPhase());
  }

  @Test
  void exitedWithoutRestartIsTerminatedAndThePhaseSticks() {
    var recs = Map.of("c", List.of(rec("a", 0, ContainerState.CONTAINER_EXITED, 0, "")));
    V1.PodStatus s = build(pod("Never"), recs, Map.of(), V1.PodStatus.getDefaultInstance(), t0);
    assertEquals("Succeeded", s.getPhase());
    assertEquals("Completed", s.getContainerStatuses(0).getState().getTerminated().getReason());
    assertEquals("PodCompleted", s.getConditionsList().get(2).getReason());
    // later the sandbox is gone: the phase and the IP stay
    V1.PodStatus later = f.build(pod("Never"), new PodStatusFactory.Observed(recs, Map.of(), false, List.of(), "10.0.0.1"),
        s, t0.plusSeconds(60));
    assertEquals("Succeeded", later.getPhase());
    assertEquals("10.88.0.7", later.getPodIP());
  }

  @Test
  void keepsTransitionTimesWhileConditionsHoldAndRebuildsEqualStatuses() {
    var recs = Map.of("c", List.of(rec("a", 0, ContainerState.CONTAINER_RUNNING, 0, "")));
    V1.PodStatus first = build(pod("Always"), recs, Map.of(), V1.PodStatus.getDefaultInstance(), t0);
    V1.PodStatus again = build(pod("Always"), recs, Map.of(), first, t0.plusSeconds(30));
    assertEquals(first, again, "unchanged pod: same status, so nothing is written");
    var notReady = Map.of("c", List.of(rec("a", 0, ContainerState.CONTAINER_EXITED, 1, "Error")));
    V1.PodStatus changed = build(pod("Always"), notReady, Map.of(), first, t0.plusSeconds(60));
    var ready = changed.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    assertEquals(t0.getEpochSecond() + 60, ready.getLastTransitionTime().getSeconds());
    assertFalse(changed.getContainerStatuses(0).getReady());
  }
}
