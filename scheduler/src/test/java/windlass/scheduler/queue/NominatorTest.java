package windlass.scheduler.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kubernetes.client.proto.V1;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.client.FakeClock;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.testing.MakePod;

class NominatorTest {
  private static V1.Pod pod(String name, String nominatedNode) {
    return MakePod.named(name).nominatedNode(nominatedNode).build();
  }

  /** Node name to pod names, as the nominator publishes them. */
  private static Map<String, List<String>> names(Nominator n) {
    Map<String, List<String>> out = new HashMap<>();
    n.nominatedPodsByNode().forEach((node, pods) ->
        out.put(node, pods.stream().map(p -> p.getMetadata().getName()).toList()));
    return out;
  }

  static Stream<Arguments> addCases() {
    return Stream.of(
        Arguments.of("a nomination given to the pod (preemption) wins over its status", pod("a", "n2"), "n1",
            Map.of("n1", List.of("a"))),
        Arguments.of("without one the pod's status.nominatedNodeName is taken", pod("a", "n2"), null,
            Map.of("n2", List.of("a"))),
        Arguments.of("a pod with neither is not nominated", pod("a", ""), null, Map.of()),
        Arguments.of("an empty nomination clears the pod's status one too", pod("a", "n2"), "", Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("addCases")
  void addNominatesAsUpstreamsModes(String name, V1.Pod pod, String node, Map<String, List<String>> want) {
    Nominator n = new Nominator();
    n.add(pod, node);
    assertEquals(want, names(n));
  }

  @Test
  void aPodIsNominatedToOneNodeAtATime() {
    Nominator n = new Nominator();
    n.add(pod("a", ""), "n1");
    n.add(pod("b", ""), "n1");
    n.add(pod("a", ""), "n2");
    assertEquals(Map.of("n1", List.of("b"), "n2", List.of("a")), names(n));
    assertEquals(Optional.of("n2"), n.nominatedNode(pod("a", "")));
    n.add(pod("a", ""), "");
    assertEquals(Map.of("n1", List.of("b")), names(n));
    n.delete(pod("b", "n1"));
    assertEquals(Map.of(), names(n));
  }

  static Stream<Arguments> updateCases() {
    return Stream.of(
        // The status update of a nomination made in memory has not arrived: an unrelated update keeps it.
        Arguments.of("neither version carries one: the in-memory nomination stays", "n1", pod("a", ""),
            pod("a", ""), Map.of("n1", List.of("a"))),
        Arguments.of("the status names a node: the pod moves there", "n1", pod("a", ""), pod("a", "n2"),
            Map.of("n2", List.of("a"))),
        Arguments.of("the status nomination is cleared: so is the pod's", "n1", pod("a", "n1"), pod("a", ""),
            Map.of()),
        Arguments.of("a pod not nominated gets the status nomination it now carries", null, pod("a", ""),
            pod("a", "n3"), Map.of("n3", List.of("a"))),
        Arguments.of("a pod never nominated stays so", null, pod("a", ""), pod("a", ""), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void updateFollowsTheStatusAsUpstreamsUpdateNominatedPod(String name, String nominatedBefore, V1.Pod oldPod,
      V1.Pod newPod, Map<String, List<String>> want) {
    Nominator n = new Nominator();
    if (nominatedBefore != null) {
      n.add(oldPod, nominatedBefore);
    }
    n.update(oldPod, newPod);
    assertEquals(want, names(n));
  }

  @Test
  void anUpdateReplacesTheStoredPodWithItsNewVersion() {
    Nominator n = new Nominator();
    V1.Pod v1 = pod("a", "n1");
    n.add(v1, null);
    V1.Pod v2 = v1.toBuilder().setMetadata(v1.getMetadata().toBuilder().putLabels("v", "2")).build();
    n.update(v1, v2);
    assertSame(v2, n.nominatedPodsForNode("n1").get(0));
  }

  @Test
  void eventsOfPodsWithoutNominationsLeaveThePublishedMapAlone() {
    Nominator n = new Nominator();
    n.add(pod("a", ""), "n1");
    Map<String, List<V1.Pod>> before = n.nominatedPodsByNode();
    n.add(pod("b", ""), null);
    n.update(pod("b", ""), pod("b", ""));
    n.delete(pod("b", ""));
    assertSame(before, n.nominatedPodsByNode());
  }

  @Test
  void aPodTheListerFindsGoneOrBoundIsNotNominated() {
    Map<String, V1.Pod> live = new HashMap<>();
    Nominator n = new Nominator((ns, name) -> Optional.ofNullable(live.get(name)));
    live.put("bound", MakePod.named("bound").node("n9").build());
    live.put("pending", pod("pending", ""));
    n.add(pod("gone", ""), "n1");
    n.add(pod("bound", ""), "n1");
    n.add(pod("pending", ""), "n1");
    assertEquals(Map.of("n1", List.of("pending")), names(n));
  }

  @Test
  void theQueueKeepsTheNominatorCurrentAsPodsComeAndGo() throws Exception {
    SchedulingQueue q = new SchedulingQueue(new FakeClock(), new PrioritySort(), new Nominator());
    Nominator n = q.nominator();
    V1.Pod a = pod("a", "n1");
    q.add(a);
    assertEquals(Map.of("n1", List.of("a")), names(n), "a pending pod arriving with a nomination");
    V1.Pod moved = pod("a", "n2");
    q.update(a, moved);
    assertEquals(Map.of("n2", List.of("a")), names(n));
    q.delete(moved);
    assertEquals(Map.of(), names(n), "deleted or bound");

    V1.Pod b = pod("b", "");
    q.add(b);
    SchedulingQueue.Popped popped = q.pop().orElseThrow();
    V1.Pod nominatedMeanwhile = pod("b", "n3");
    q.update(b, nominatedMeanwhile);
    assertEquals(Map.of(), names(n), "an update of a pod in its cycle waits for its requeue");
    q.addUnschedulableIfNotPresent(popped.info(), popped.cycle());
    assertEquals(Map.of("n3", List.of("b")), names(n), "the requeued pod's newest version decides");
  }
}
