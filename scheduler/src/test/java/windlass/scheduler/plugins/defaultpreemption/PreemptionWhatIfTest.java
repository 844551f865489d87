package windlass.scheduler.plugins.defaultpreemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.interpodaffinity.InterPodAffinity;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.plugins.podtopologyspread.PodTopologySpread;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

/**
 * Preemption's dry run with plugins whose PreFilter counts pods on other nodes: removing the victims must change what
 * InterPodAffinity and PodTopologySpread count, or they would keep rejecting the node.
 */
class PreemptionWhatIfTest {
  private static final String HOST = "kubernetes.io/hostname";
  private static final String ZONE = "topology.kubernetes.io/zone";
  private final List<String> evicted = new ArrayList<>();

  private Framework framework() {
    NodeResourcesFit fit = new NodeResourcesFit();
    InterPodAffinity affinity = new InterPodAffinity();
    PodTopologySpread spread = new PodTopologySpread();
    return Framework.builder("t").preFilter(fit).preFilter(spread).preFilter(affinity)
        .filter(fit).filter(spread).filter(affinity)
        .postFilter(new DefaultPreemption((v, p, n) -> evicted.add(v.getMetadata().getName() + "@" + n),
            new Random(1)))
        .bind(new DefaultBinder(null)).build();
  }

  private static NodeInfo node(String name, String zone, String cpu, V1.Pod... pods) {
    List<V1.Pod> placed = new ArrayList<>();
    for (V1.Pod p : pods) {
      placed.add(p.toBuilder().setSpec(p.getSpec().toBuilder().setNodeName(name)).build());
    }
    return new NodeInfo(MakeNode.named(name).label(HOST, name).label(ZONE, zone)
        .allocatable("cpu", cpu, "memory", "4Gi").build(), placed);
  }

  /** Runs the cycle as the scheduler does (AllNodes, PreFilter, Filter on every node) and then PostFilter. */
  private PostFilterPlugin.Result schedule(V1.Pod pod, NodeInfo... nodes) {
    Framework f = framework();
    CycleState state = new CycleState();
    state.write(AllNodes.KEY, new AllNodes(List.of(nodes)));
    assertTrue(f.runPreFilter(state, pod).isSuccess());
    Map<String, Status> statuses = new HashMap<>();
    for (NodeInfo n : nodes) {
      Status s = f.runFilters(state, pod, n);
      assertFalse(s.isSuccess(), "the test needs " + n.name() + " to reject the pod");
      statuses.put(n.name(), s);
    }
    return f.runPostFilter(state, pod, statuses, List.of(nodes)).orElseThrow();
  }

  @Test
  void evictsTheLowerPriorityPodThatTheNewPodsAntiAffinityRejects() {
    V1.Pod db = MakePod.named("db").priority(0).label("app", "db").req("cpu", "100m").build();
    V1.Pod pod = MakePod.named("p").priority(100).req("cpu", "100m")
        .spec(s -> s.getAffinityBuilder().getPodAntiAffinityBuilder()
            .addRequiredDuringSchedulingIgnoredDuringExecution(Affinities.podTerm("app", "db", HOST)))
        .build();
    PostFilterPlugin.Result r = schedule(pod, node("n1", "a", "2", db));
    assertTrue(r.status().isSuccess(), r.status().message());
    assertEquals(List.of("db@n1"), evicted);
    assertEquals("n1", r.nominatedNodeName());
  }

  @Test
  void evictsOnlyAsManyPodsAsTheSpreadConstraintNeedsGone() {
    V1.TopologySpreadConstraint zoneSpread = V1.TopologySpreadConstraint.newBuilder().setTopologyKey(ZONE)
        .setMaxSkew(1).setWhenUnsatisfiable("DoNotSchedule").setLabelSelector(Affinities.labels("app", "web"))
        .build();
    V1.Pod web = MakePod.named("web-1").priority(0).label("app", "web").req("cpu", "100m").build();
    V1.Pod other = MakePod.named("batch").priority(0).req("cpu", "100m").build();
    V1.Pod important = MakePod.named("important").priority(1000).req("cpu", "2").build();
    V1.Pod pod = MakePod.named("web-2").priority(100).label("app", "web").req("cpu", "100m")
        .spec(s -> s.addTopologySpreadConstraints(zoneSpread)).build();
    // n1 (zone a) holds a web pod, so zone a is one ahead of the empty zone b; n2 (zone b) is full of a pod that
    // cannot be preempted. Removing web-1 (and not batch) lets web-2 onto n1.
    PostFilterPlugin.Result r = schedule(pod, node("n1", "a", "2", web, other), node("n2", "b", "2", important));
    assertTrue(r.status().isSuccess(), r.status().message());
    assertEquals(List.of("web-1@n1"), evicted);
    assertEquals("n1", r.nominatedNodeName());
  }
}
