package windlass.controllers.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodDeletionOrderTest {
  private static V1.Pod pod(String name, String node, String phase, boolean ready, long created) {
    V1.PodStatus.Builder st = V1.PodStatus.newBuilder().setPhase(phase);
    if (ready) {
      st.addConditions(V1.PodCondition.newBuilder().setType("Ready").setStatus("True")
          .setLastTransitionTime(Meta.Time.newBuilder().setSeconds(created + 10)));
    }
    return V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name)
            .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(created)))
        .setSpec(V1.PodSpec.newBuilder().setNodeName(node))
        .setStatus(st)
        .build();
  }

  @Test
  void ordersAsUpstream() {
    List<V1.Pod> pods = new ArrayList<>(List.of(
        pod("ready-old", "n1", "Running", true, 100),
        pod("ready-new", "n2", "Running", true, 200),
        pod("running-not-ready", "n1", "Running", false, 100),
        pod("pending-on-node", "n2", "Pending", false, 100),
        pod("unscheduled", "", "Pending", false, 50)));
    pods.sort(new PodDeletionOrder(Map.of("n1", 1, "n2", 1)));
    assertEquals(List.of("unscheduled", "pending-on-node", "running-not-ready", "ready-new", "ready-old"),
        pods.stream().map(p -> p.getMetadata().getName()).toList());
  }

  @Test
  void crowdedNodesGoFirstThenNewerPods() {
    List<V1.Pod> pods = new ArrayList<>(List.of(
        pod("alone", "n1", "Running", false, 300),
        pod("crowded-old", "n2", "Running", false, 100),
        pod("crowded-new", "n2", "Running", false, 200)));
    pods.sort(new PodDeletionOrder(Map.of("n1", 1, "n2", 2)));
    assertEquals(List.of("crowded-new", "crowded-old", "alone"),
        pods.stream().map(p -> p.getMetadata().getName()).toList());
  }
}
