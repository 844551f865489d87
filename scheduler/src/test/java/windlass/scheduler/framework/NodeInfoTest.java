package windlass.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kubernetes.client.proto.Meta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.LabelSelector;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class NodeInfoTest {
  @Test
  void copiesWhatFiltersReadOutOfTheNode() {
    NodeInfo n = new NodeInfo(MakeNode.named("n1").unschedulable().label("zone", "a")
        .taint("k", "v", "NoSchedule").build(), List.of());
    assertEquals("n1", n.name());
    assertEquals(true, n.unschedulable());
    assertEquals(1, n.taints().size());
    assertEquals("k", n.taints().get(0).getKey());
    assertEquals(Map.of("zone", "a"), n.labels());
    NodeInfo plain = new NodeInfo(MakeNode.named("n2").build(), List.of());
    assertEquals(false, plain.unschedulable());
    assertEquals(List.of(), plain.taints());
  }

  @Test
  void countsRequestsOfItsPodsAsPrimitivesAndByName() {
    NodeInfo n = new NodeInfo(MakeNode.named("n1").allocatable("cpu", "4", "memory", "8Gi", "pods", "110",
        "nvidia.com/gpu", "2", "ephemeral-storage", "10Gi").build(),
        List.of(MakePod.named("a").node("n1").req("cpu", "500m", "nvidia.com/gpu", "1").build(),
            MakePod.named("b").node("n1").req().build()));
    assertEquals(2, n.podCount());
    assertEquals(4000, n.allocatableMilliCpu());
    assertEquals(8L << 30, n.allocatableMemory());
    assertEquals(110, n.allocatablePods());
    assertEquals(10L << 30, n.allocatableEphemeralStorage());
    assertEquals(500, n.requestedMilliCpu());
    assertEquals(0, n.requestedMemory());
    assertEquals(4000, n.allocatable("cpu"));
    assertEquals(2, n.allocatable("nvidia.com/gpu"));
    assertEquals(0, n.allocatable("example.com/none"));
    assertEquals(1, n.requested("nvidia.com/gpu"));
    assertEquals(n.requested().milliCpu(), n.requested("cpu"));
    // b asks for nothing and a for no memory: scoring counts upstream's 100m / 200Mi for it
    assertEquals(500 + PodRequests.DEFAULT_MILLI_CPU, n.nonZeroRequested("cpu"));
    assertEquals(2 * PodRequests.DEFAULT_MEMORY, n.nonZeroRequested("memory"));
    assertEquals(1, n.nonZeroRequested("nvidia.com/gpu"));
  }

  @Test
  void knowsImageSizesByNameTheFirstImageListingANameWinning() {
    NodeInfo n = new NodeInfo(MakeNode.named("n1").image(300, "app:1", "registry/app:1").image(500, "app:1")
        .build(), List.of());
    assertEquals(true, n.hasImages());
    assertEquals(300, n.imageSize("app:1"));
    assertEquals(300, n.imageSize("registry/app:1"));
    assertEquals(-1, n.imageSize("other:1"));
    NodeInfo none = new NodeInfo(MakeNode.named("n2").build(), List.of());
    assertEquals(false, none.hasImages());
    assertEquals(-1, none.imageSize("app:1"));
  }

  @Test
  void countsPodsOfANamespaceThatASelectorMatchesLeavingOutTerminatingOnes() {
    NodeInfo n = new NodeInfo(MakeNode.named("n1").build(), List.of(
        MakePod.named("a").node("n1").label("app", "web").build(),
        MakePod.named("b").node("n1").label("app", "web").build(),
        MakePod.named("c").node("n1").label("app", "db").build(),
        MakePod.named("d").node("n1").namespace("other").label("app", "web").build(),
        MakePod.named("e").node("n1").label("app", "web").terminating().build()));
    LabelSelector web = LabelSelector.fromProto(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web").build());
    String ns = new String("default".toCharArray()); // not the interned instance
    assertEquals(2, n.countPods(ns, web));
    assertEquals(1, n.countPods("other", web));
    assertEquals(0, n.countPods("none", web));
    assertEquals(3, n.countPods("default", LabelSelector.fromProto(Meta.LabelSelector.getDefaultInstance())),
        "an empty selector matches a, b and c");
  }

  @Test
  void aRebuildForTheSameNodeObjectReusesWhatWasReadFromItAndANewNodeObjectIsReadAfresh() {
    var node = MakeNode.named("n1").label("zone", "a").allocatable("cpu", "2").build();
    NodeInfo first = new NodeInfo(node, List.of());
    NodeInfo again = NodeInfo.of(node, List.of(MakePod.named("a").node("n1").req("cpu", "1").build()), first);
    assertSame(first.labels(), again.labels());
    assertSame(first.allocatable(), again.allocatable());
    assertEquals(1, again.podCount());
    assertEquals(1000, again.requestedMilliCpu());
    NodeInfo changed = NodeInfo.of(MakeNode.named("n1").label("zone", "b").allocatable("cpu", "4").build(),
        List.of(), again);
    assertEquals(Map.of("zone", "b"), changed.labels());
    assertEquals(4000, changed.allocatableMilliCpu());
  }

  @Test
  void anAssumedCopyOfAPodSharesTheOriginalsComputedRequests() {
    var pod = MakePod.named("a").req("cpu", "1").build();
    Resource r = PodRequests.of(pod);
    Resource nz = PodRequests.nonZero(pod);
    var assumed = pod.toBuilder().setSpec(pod.getSpec().toBuilder().setNodeName("n1")).build();
    PodRequests.sameAs(assumed, pod);
    assertSame(r, PodRequests.of(assumed));
    assertSame(nz, PodRequests.nonZero(assumed));
  }
}
