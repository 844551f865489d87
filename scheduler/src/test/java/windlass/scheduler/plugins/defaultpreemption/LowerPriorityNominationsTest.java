package windlass.scheduler.plugins.defaultpreemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PodNominator;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

/** Upstream's getLowerPriorityNominatedPods + ClearNominatedNodeName, run when preemption nominates a node. */
class LowerPriorityNominationsTest {
  private final FakeApiServer server = new FakeApiServer(new FakeClock());
  private final WindlassClient client = server.client();
  private final List<String> evicted = new ArrayList<>();
  private final List<String> cleared = new ArrayList<>();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private PostFilterPlugin.Result preempt(V1.Pod pod, Map<String, List<V1.Pod>> nominated, NodeInfo... nodes) {
    DefaultPreemption preemption = new DefaultPreemption((v, p, node) -> evicted.add(v.getMetadata().getName()),
        DisruptionBudgets.NONE, p -> cleared.add(p.getMetadata().getName()), new Random(1));
    NodeResourcesFit fit = new NodeResourcesFit();
    Framework f = Framework.builder("test").preFilter(fit).filter(fit).postFilter(preemption)
        .bind(new DefaultBinder(null)).build();
    CycleState state = new CycleState();
    state.write(PodNominator.KEY, () -> nominated);
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    Map<String, Status> statuses = new HashMap<>();
    for (NodeInfo n : nodes) {
      statuses.put(n.name(), f.runFiltersWithNominatedPods(state, pod, n));
    }
    return f.runPostFilter(state, pod, statuses, List.of(nodes)).orElseThrow();
  }

  private static NodeInfo node(String name, V1.Pod... pods) {
    return new NodeInfo(MakeNode.named(name).allocatable("cpu", "2", "memory", "4Gi").build(), List.of(pods));
  }

  @Test
  void theLowerPriorityPodsNominatedToTheChosenNodeLoseTheirNomination() {
    V1.Pod waitingLow = MakePod.named("waiting-low").priority(50).nominatedNode("n1").build();
    V1.Pod inMemoryOnly = MakePod.named("in-memory").priority(5).build();
    V1.Pod waitingHigh = MakePod.named("waiting-high").priority(2000).nominatedNode("n1").build();
    V1.Pod elsewhere = MakePod.named("elsewhere").priority(1).nominatedNode("n2").build();
    PostFilterPlugin.Result r = preempt(MakePod.named("p").priority(1000).req("cpu", "2").build(),
        Map.of("n1", List.of(waitingLow, inMemoryOnly, waitingHigh), "n2", List.of(elsewhere)),
        node("n1", MakePod.named("victim").priority(10).req("cpu", "2").node("n1").build()));
    assertEquals("n1", r.nominatedNodeName());
    assertEquals(List.of("victim"), evicted);
    // The clearer is given every lower-priority one; it skips those without status.nominatedNodeName itself.
    assertEquals(List.of("waiting-low", "in-memory"), cleared);
  }

  @Test
  void nothingIsClearedWhenNoNodeIsNominated() {
    V1.Pod waitingLow = MakePod.named("waiting-low").priority(50).nominatedNode("n1").build();
    PostFilterPlugin.Result r = preempt(MakePod.named("p").priority(1000).req("cpu", "4").build(),
        Map.of("n1", List.of(waitingLow)),
        node("n1", MakePod.named("victim").priority(10).req("cpu", "2").node("n1").build()));
    assertEquals("", r.nominatedNodeName());
    assertEquals(List.of(), cleared);
  }

  @Test
  void aHigherPriorityNominatedPodTakesPartInTheDryRun() {
    // 2 cpu; the victim holds 1, a pod of higher priority is promised 1: evicting the victim is not enough for 2.
    PostFilterPlugin.Result r = preempt(MakePod.named("p").priority(1000).req("cpu", "2").build(),
        Map.of("n1", List.of(MakePod.named("promised").priority(2000).req("cpu", "1").nominatedNode("n1").build())),
        node("n1", MakePod.named("victim").priority(10).req("cpu", "1").node("n1").build()));
    assertEquals("", r.nominatedNodeName());
    assertEquals(List.of(), evicted);
  }

  @Test
  void theApiClearsASetNominationAndLeavesPodsWithoutOneAlone() {
    V1.Pod p = client.pods("default").create(MakePod.named("waiting").build());
    p = client.pods("default").updateStatus(p.toBuilder()
        .setStatus(p.getStatus().toBuilder().setNominatedNodeName("n1")).build());
    V1.Pod stale = p;
    client.pods("default").updateStatus(p.toBuilder()
        .setStatus(p.getStatus().toBuilder().setPhase("Pending")).build());
    new NominationApi(client).clear(stale);
    V1.Pod now = server.<V1.Pod>object(Kinds.POD, "default", "waiting").orElseThrow();
    assertEquals("", now.getStatus().getNominatedNodeName());
    assertEquals("Pending", now.getStatus().getPhase(), "the newer status is kept");
    long updates = updatesOf("waiting");
    new NominationApi(client).clear(MakePod.named("waiting").build());
    assertEquals(updates, updatesOf("waiting"), "no update for a pod without a nomination");
    new NominationApi(client).clear(MakePod.named("gone").nominatedNode("n1").build()); // gone: nothing to do
  }

  private long updatesOf(String name) {
    return server.actions("updateStatus", Kinds.POD).stream().filter(a -> a.name().equals(name)).count();
  }
}
