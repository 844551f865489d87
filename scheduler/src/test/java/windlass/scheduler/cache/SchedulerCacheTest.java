package windlass.scheduler.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class SchedulerCacheTest {
  private final SchedulerCache cache = new SchedulerCache();

  @Test
  void anAssumedPodCountsAtOnceAndIsConfirmedByTheInformer() {
    cache.addNode(MakeNode.named("n1").allocatable("cpu", "2").build());
    V1.Pod assumed = MakePod.named("p").req("cpu", "1").node("n1").build();
    cache.assumePod(assumed);
    assertTrue(cache.isAssumed(assumed));
    assertEquals(1000, cache.snapshot().get("n1").orElseThrow().requested().milliCpu());
    assertThrows(IllegalStateException.class, () -> cache.assumePod(assumed));

    cache.finishBinding(assumed);
    cache.addPod(assumed);
    assertFalse(cache.isAssumed(assumed));
    assertEquals(1, cache.snapshot().get("n1").orElseThrow().pods().size());
  }

  @Test
  void incrementalSnapshotsKeepCountingTheNodesWithAffinityPods() {
    for (String n : List.of("n1", "n2", "n3")) {
      cache.addNode(MakeNode.named(n).build());
    }
    cache.snapshot();
    V1.Pod anti = MakePod.named("anti").node("n1").spec(s -> s.getAffinityBuilder().getPodAntiAffinityBuilder()
        .addRequiredDuringSchedulingIgnoredDuringExecution(Affinities.podTerm("app", "x", "zone"))).build();
    V1.Pod preferring = MakePod.named("pref").node("n2").spec(s -> s.getAffinityBuilder().getPodAffinityBuilder()
        .addPreferredDuringSchedulingIgnoredDuringExecution(
            Affinities.weighted(1, Affinities.podTerm("app", "x", "zone")))).build();
    cache.addPod(anti);
    cache.addPod(preferring);
    cache.addPod(MakePod.named("plain").node("n3").build());
    assertCounts(2, 1);
    cache.removePod(anti);
    assertCounts(1, 0);
    cache.removePod(preferring);
    assertCounts(0, 0);
  }

  private void assertCounts(int withAffinity, int withRequiredAnti) {
    Snapshot s = cache.snapshot();
    assertEquals(withAffinity, s.allNodes().nodesWithAffinityPods());
    assertEquals(withRequiredAnti, s.allNodes().nodesWithRequiredAntiAffinityPods());
    assertEquals(new AllNodes(s.nodes()), s.allNodes(), "the incremental counts match a recount");
  }

  @Test
  void aForgottenPodFreesItsRoom() {
    cache.addNode(MakeNode.named("n1").allocatable("cpu", "2").build());
    V1.Pod assumed = MakePod.named("p").req("cpu", "1").node("n1").build();
    cache.assumePod(assumed);
    cache.forgetPod(assumed);
    assertEquals(0, cache.snapshot().get("n1").orElseThrow().requested().milliCpu());
    assertEquals(0, cache.podCount());
  }

  @Test
  void confirmationOnAnotherNodeMovesThePod() {
    cache.addNode(MakeNode.named("n1").build());
    cache.addNode(MakeNode.named("n2").build());
    V1.Pod p = MakePod.named("p").node("n1").build();
    cache.assumePod(p);
    cache.addPod(p.toBuilder().setSpec(p.getSpec().toBuilder().setNodeName("n2")).build());
    assertEquals(0, cache.snapshot().get("n1").orElseThrow().pods().size());
    assertEquals(1, cache.snapshot().get("n2").orElseThrow().pods().size());
  }

  @Test
  void onlyReadyNodesAreOffered() {
    cache.addNode(MakeNode.named("ready").build());
    cache.addNode(MakeNode.named("sick").notReady().build());
    assertEquals(List.of("ready"), cache.snapshot().nodes().stream().map(n -> n.name()).toList());
    cache.updateNode(MakeNode.named("sick").build());
    assertEquals(2, cache.snapshot().size());
  }

  @Test
  void aPodSeenBeforeItsNodeCountsOnceTheNodeArrives() {
    cache.addPod(MakePod.named("early").req("cpu", "1").node("late").build());
    assertEquals(0, cache.snapshot().size());
    cache.addNode(MakeNode.named("late").allocatable("cpu", "4").build());
    assertEquals(1000, cache.snapshot().get("late").orElseThrow().requested().milliCpu());
    cache.removeNode(MakeNode.named("late").build());
    assertEquals(0, cache.snapshot().size());
    assertEquals(1, cache.podCount());
  }

  @Test
  void removedPodsFreeTheirRoom() {
    cache.addNode(MakeNode.named("n1").build());
    V1.Pod p = MakePod.named("p").req("cpu", "1").node("n1").build();
    cache.addPod(p);
    cache.removePod(p);
    assertEquals(0, cache.snapshot().get("n1").orElseThrow().requested().milliCpu());
  }

  @Test
  void aSnapshotStaysAsTakenWhileLaterOnesSeeOnlyWhatChanged() {
    cache.addNode(MakeNode.named("n1").allocatable("cpu", "4").build());
    cache.addNode(MakeNode.named("n2").allocatable("cpu", "4").build());
    Snapshot before = cache.snapshot();
    cache.assumePod(MakePod.named("p").req("cpu", "1").node("n2").build());
    Snapshot after = cache.snapshot();
    assertEquals(0, before.get("n2").orElseThrow().requested().milliCpu());
    assertEquals(1000, after.get("n2").orElseThrow().requested().milliCpu());
    assertSame(before.get("n1").orElseThrow(), after.get("n1").orElseThrow(), "n1 was not rebuilt");
    assertSame(after, cache.snapshot(), "nothing changed since");
    cache.updateNode(MakeNode.named("n1").allocatable("cpu", "8").build());
    assertEquals(8000, cache.snapshot().get("n1").orElseThrow().allocatable().milliCpu());
    cache.updateNode(MakeNode.named("n1").allocatable("cpu", "8").notReady().build());
    assertEquals(List.of("n2"), cache.snapshot().nodes().stream().map(n -> n.name()).toList());
  }
}
