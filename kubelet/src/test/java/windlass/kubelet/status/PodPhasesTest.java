package windlass.kubelet.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.V1;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPhasesTest {
  static V1.ContainerStatus running() {
    return V1.ContainerStatus.newBuilder().setState(V1.ContainerState.newBuilder()
        .setRunning(V1.ContainerStateRunning.getDefaultInstance())).build();
  }

  static V1.ContainerStatus waiting(boolean ranBefore) {
    V1.ContainerStatus.Builder b = V1.ContainerStatus.newBuilder().setState(V1.ContainerState.newBuilder()
        .setWaiting(V1.ContainerStateWaiting.newBuilder().setReason("CrashLoopBackOff")));
    if (ranBefore) {
      b.setLastState(V1.ContainerState.newBuilder().setTerminated(V1.ContainerStateTerminated.newBuilder().setExitCode(1)));
    }
    return b.build();
  }

  static V1.ContainerStatus exited(int code) {
    return V1.ContainerStatus.newBuilder().setState(V1.ContainerState.newBuilder()
        .setTerminated(V1.ContainerStateTerminated.newBuilder().setExitCode(code))).build();
  }

  @Test
  void waitingForTheFirstStartIsPending() {
    assertEquals("Pending", PodPhases.compute("Always", 2, List.of(running(), waiting(false))));
  }

  @Test
  void anyRunningAndNoneUnknownIsRunning() {
    assertEquals("Running", PodPhases.compute("Never", 2, List.of(running(), exited(1))));
    assertEquals("Pending", PodPhases.compute("Always", 2, List.of(running())));
  }

  @Test
  void crashLoopingCountsAsStoppedSoAlwaysStaysRunning() {
    assertEquals("Running", PodPhases.compute("Always", 1, List.of(waiting(true))));
    assertEquals("Running", PodPhases.compute("OnFailure", 1, List.of(waiting(true))));
  }

  @Test
  void allExitedDecidesByRestartPolicy() {
    assertEquals("Succeeded", PodPhases.compute("Never", 2, List.of(exited(0), exited(0))));
    assertEquals("Succeeded", PodPhases.compute("OnFailure", 1, List.of(exited(0))));
    assertEquals("Failed", PodPhases.compute("Never", 2, List.of(exited(0), exited(2))));
    assertEquals("Running", PodPhases.compute("OnFailure", 1, List.of(exited(2))));
    assertEquals("Running", PodPhases.compute("Always", 1, List.of(exited(0))));
    assertEquals("Running", PodPhases.compute("", 1, List.of(exited(0))));
  }

  @Test
  void nothingKnownIsPending() {
    assertEquals("Pending", PodPhases.compute("Always", 1, List.of()));
  }
}
