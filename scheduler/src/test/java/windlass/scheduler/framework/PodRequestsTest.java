package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import windlass.scheduler.testing.MakePod;

class PodRequestsTest {

  @Test
  void sumsContainersAndTakesTheLargestInitContainer() {
    Resource r = PodRequests.of(MakePod.named("p").req("cpu", "100m", "memory", "64Mi").req("cpu", "200m")
        .initReq("cpu", "250m", "memory", "1Gi").build());
    assertEquals(300, r.milliCpu());
    assertEquals(1L << 30, r.memory());
  }

  @Test
  void sidecarsRunAlongsideLaterInitContainersAndTheApp() {
    Resource r = PodRequests.of(MakePod.named("p").req("cpu", "1").sidecarReq("cpu", "500m")
        .initReq("cpu", "2").build());
    // containers 1 + sidecar 0.5 = 1.5; init phase: 2 + sidecar 0.5 = 2.5
    assertEquals(2500, r.milliCpu());
  }

  @Test
  void nonZeroCountsDefaultsPerContainerWithoutRequests() {
    Resource r = PodRequests.nonZero(MakePod.named("p").req().req("cpu", "1").build());
    assertEquals(1100, r.milliCpu());
    assertEquals(2 * PodRequests.DEFAULT_MEMORY, r.memory());
    assertEquals(0, PodRequests.of(MakePod.named("p").req().build()).milliCpu());
  }
}
