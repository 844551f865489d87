package windlass.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodSummaryTest {
  static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

  static V1.ContainerStatus.Builder running(String name, boolean ready) {
    return V1.ContainerStatus.newBuilder().setName(name).setReady(ready)
        .setState(V1.ContainerState.newBuilder().setRunning(V1.ContainerStateRunning.getDefaultInstance()));
  }

  static V1.ContainerStatus.Builder waiting(String name, String reason) {
    return V1.ContainerStatus.newBuilder().setName(name)
        .setState(V1.ContainerState.newBuilder().setWaiting(V1.ContainerStateWaiting.newBuilder().setReason(reason)));
  }

  static V1.ContainerStatus.Builder terminated(String name, int exit, int signal, String reason) {
    V1.ContainerStateTerminated.Builder t = V1.ContainerStateTerminated.newBuilder().setExitCode(exit);
    if (signal != 0) {
      t.setSignal(signal);
    }
    if (!reason.isEmpty()) {
      t.setReason(reason);
    }
    return V1.ContainerStatus.newBuilder().setName(name).setState(V1.ContainerState.newBuilder().setTerminated(t));
  }

  static V1.Pod.Builder pod(String phase, String... containers) {
    V1.PodSpec.Builder spec = V1.PodSpec.newBuilder();
    for (String c : containers) {
      spec.addContainers(V1.Container.newBuilder().setName(c).setImage("img"));
    }
    return V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("p")).setSpec(spec)
        .setStatus(V1.PodStatus.newBuilder().setPhase(phase));
  }

  static V1.Pod.Builder withInit(V1.Pod.Builder p, String... inits) {
    for (String i : inits) {
      p.getSpecBuilder().addInitContainers(V1.Container.newBuilder().setName(i).setImage("img"));
    }
    return p;
  }

  static V1.PodCondition cond(String type, String status) {
    return V1.PodCondition.newBuilder().setType(type).setStatus(status).build();
  }

  static Stream<Arguments> cases() {
    Meta.Time deleted = Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond()).build();
    V1.Pod.Builder sidecar = pod("Running", "app");
    sidecar.getSpecBuilder().addInitContainers(V1.Container.newBuilder().setName("proxy").setRestartPolicy("Always"));
    sidecar.getStatusBuilder().addInitContainerStatuses(running("proxy", true).setStarted(true))
        .addContainerStatuses(running("app", true)).addConditions(cond("Initialized", "True"));
    V1.Pod.Builder gated = pod("Pending", "app");
    gated.getStatusBuilder().addConditions(V1.PodCondition.newBuilder().setType("PodScheduled").setStatus("False")
        .setReason("SchedulingGated"));
    return Stream.of(
        Arguments.of("pending, nothing started", pod("Pending", "app"), "0/1", "Pending"),
        Arguments.of("running and ready", add(pod("Running", "app"), running("app", true)), "1/1", "Running"),
        Arguments.of("running, not ready", add(pod("Running", "app"), running("app", false)), "0/1", "Running"),
        Arguments.of("creating", add(pod("Pending", "app"), waiting("app", "ContainerCreating")), "0/1",
            "ContainerCreating"),
        Arguments.of("image pull", add(pod("Pending", "a", "b"), running("a", true), waiting("b", "ErrImagePull")),
            "1/2", "ErrImagePull"),
        Arguments.of("crash loop", add(pod("Running", "app"), waiting("app", "CrashLoopBackOff")), "0/1",
            "CrashLoopBackOff"),
        Arguments.of("completed", add(pod("Succeeded", "app"), terminated("app", 0, 0, "Completed")), "0/1",
            "Completed"),
        Arguments.of("exit code without reason", add(pod("Failed", "app"), terminated("app", 3, 0, "")), "0/1",
            "ExitCode:3"),
        Arguments.of("signal without reason", add(pod("Failed", "app"), terminated("app", 137, 9, "")), "0/1",
            "Signal:9"),
        Arguments.of("evicted", pod("Failed", "app").setStatus(V1.PodStatus.newBuilder().setPhase("Failed")
            .setReason("Evicted")), "0/1", "Evicted"),
        Arguments.of("second of two init containers running",
            addInit(withInit(pod("Pending", "app"), "i1", "i2"), terminated("i1", 0, 0, "Completed"),
                running("i2", false)), "0/1", "Init:1/2"),
        Arguments.of("init crash loop", addInit(withInit(pod("Pending", "app"), "i1"),
            waiting("i1", "CrashLoopBackOff")), "0/1", "Init:CrashLoopBackOff"),
        Arguments.of("init failed", addInit(withInit(pod("Pending", "app"), "i1"), terminated("i1", 1, 0, "Error")),
            "0/1", "Init:Error"),
        Arguments.of("init exit code", addInit(withInit(pod("Pending", "app"), "i1"), terminated("i1", 2, 0, "")),
            "0/1", "Init:ExitCode:2"),
        Arguments.of("init waiting PodInitializing counts as not started",
            addInit(withInit(pod("Pending", "app"), "i1"), waiting("i1", "PodInitializing")), "0/1", "Init:0/1"),
        Arguments.of("terminating", add(pod("Running", "app"), running("app", true))
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("p").setDeletionTimestamp(deleted)), "1/1",
            "Terminating"),
        Arguments.of("a finished pod being deleted keeps its status",
            add(pod("Succeeded", "app"), terminated("app", 0, 0, "Completed"))
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("p").setDeletionTimestamp(deleted)), "0/1",
            "Completed"),
        Arguments.of("node lost", pod("Running", "app").setStatus(V1.PodStatus.newBuilder().setPhase("Running")
            .setReason("NodeLost")).setMetadata(Meta.ObjectMeta.newBuilder().setName("p").setDeletionTimestamp(deleted)),
            "0/1", "Unknown"),
        Arguments.of("sidecar counted in READY", sidecar, "2/2", "Running"),
        Arguments.of("scheduling gated", gated, "0/1", "SchedulingGated"),
        Arguments.of("one done, one still running and ready",
            add(pod("Running", "a", "b"), running("a", true), terminated("b", 0, 0, "Completed"))
                .setStatus(V1.PodStatus.newBuilder().setPhase("Running").addConditions(cond("Ready", "True"))
                    .addContainerStatuses(running("a", true)).addContainerStatuses(terminated("b", 0, 0, "Completed"))),
            "1/2", "Running"),
        Arguments.of("one done, one running but pod not ready",
            add(pod("Running", "a", "b"), running("a", true), terminated("b", 0, 0, "Completed")), "1/2", "NotReady"));
  }

  static V1.Pod.Builder add(V1.Pod.Builder p, V1.ContainerStatus.Builder... statuses) {
    for (V1.ContainerStatus.Builder s : statuses) {
      p.getStatusBuilder().addContainerStatuses(s);
    }
    return p;
  }

  static V1.Pod.Builder addInit(V1.Pod.Builder p, V1.ContainerStatus.Builder... statuses) {
    for (V1.ContainerStatus.Builder s : statuses) {
      p.getStatusBuilder().addInitContainerStatuses(s);
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesReadyAndStatusAsUpstream(String what, V1.Pod.Builder pod, String ready, String status) {
    PodSummary s = PodSummary.of(pod.build());
    assertEquals(ready, s.readyCell(), what);
    assertEquals(status, s.status(), what);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restartCases")
  void restartsSayWhenTheLastOneWas(String what, V1.Pod pod, String expected) {
    assertEquals(expected, PodSummary.of(pod).restartsCell(NOW), what);
  }

  static Stream<Arguments> restartCases() {
    V1.ContainerState lastRun = V1.ContainerState.newBuilder().setTerminated(V1.ContainerStateTerminated.newBuilder()
        .setExitCode(1).setFinishedAt(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - 65))).build();
    V1.ContainerState older = V1.ContainerState.newBuilder().setTerminated(V1.ContainerStateTerminated.newBuilder()
        .setExitCode(1).setFinishedAt(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - 7200))).build();
    return Stream.of(
        Arguments.of("never restarted", add(pod("Running", "a"), running("a", true)).build(), "0"),
        Arguments.of("restarts without a last state", add(pod("Running", "a"), running("a", true).setRestartCount(2))
            .build(), "2"),
        Arguments.of("latest of two containers' restarts", add(pod("Running", "a", "b"),
            running("a", true).setRestartCount(2).setLastState(older),
            waiting("b", "CrashLoopBackOff").setRestartCount(3).setLastState(lastRun)).build(), "5 (65s ago)"),
        Arguments.of("init containers count while initializing", addInit(withInit(pod("Pending", "a"), "i"),
            waiting("i", "CrashLoopBackOff").setRestartCount(4).setLastState(older)).build(), "4 (120m ago)"));
  }

}
