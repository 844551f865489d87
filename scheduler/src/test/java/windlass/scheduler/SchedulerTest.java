package windlass.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.plugins.defaultbinder.DefaultBinder;
import windlass.scheduler.plugins.defaultpreemption.DefaultPreemption;
import windlass.scheduler.plugins.noderesources.NodeResourcesFit;
import windlass.scheduler.plugins.queuesort.PrioritySort;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

class SchedulerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CP = "node-role.kubernetes.io/control-plane";
  private final FakeClock clock = new FakeClock();
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private Scheduler scheduler;

  @AfterEach
  void tearDown() throws Exception {
    if (scheduler != null) {
      scheduler.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
    }
    server.close();
  }

  private void start() throws Exception {
    scheduler = new Scheduler(SchedulerConfig.defaults(client).withClock(clock).withRandom(new Random(7)));
    scheduler.startAsync().awaitRunning(10, TimeUnit.SECONDS);
  }

  /**
   * The one pod failed its cycle and waits: unschedulable, or in backoff when a cluster event came during its cycle
   * (upstream's move request; informer events of the scheduler's own start can be such an event).
   */
  private boolean waitingAfterAFailedCycle() {
    return scheduler.queue().unschedulableCount() + scheduler.queue().backoffCount() == 1;
  }

  private Optional<V1.Pod> pod(String name) {
    return server.object(Kinds.POD, "default", name);
  }

  private String nodeOf(String name) {
    return pod(name).map(p -> p.getSpec().getNodeName()).orElse("");
  }

  private void awaitBound(String name) throws InterruptedException {
    server.awaitOrFail(WAIT, name + " bound", () -> !nodeOf(name).isEmpty());
  }

  private Optional<V1.PodCondition> scheduledCondition(String name) {
    return pod(name).flatMap(p -> p.getStatus().getConditionsList().stream()
        .filter(c -> c.getType().equals("PodScheduled")).findFirst());
  }

  private List<V1.Event> events(String reason) {
    return server.<V1.Event>objects(Kinds.EVENT, "default").stream().filter(e -> e.getReason().equals(reason))
        .toList();
  }

  @Test
  void bindsWhatFitsAndReportsTheRestWithUpstreamsMessage() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2", "memory", "4Gi").build());
    client.nodes().create(MakeNode.named("node2").allocatable("cpu", "2", "memory", "4Gi").build());
    client.nodes().create(MakeNode.named("cp").allocatable("cpu", "8", "memory", "16Gi").taint(CP, "", "NoSchedule")
        .build());
    start();

    client.pods("default").create(MakePod.named("web-1").req("cpu", "1500m").build());
    awaitBound("web-1");
    client.pods("default").create(MakePod.named("web-2").req("cpu", "1500m").build());
    awaitBound("web-2");
    assertEquals(Set.of("node1", "node2"), Set.of(nodeOf("web-1"), nodeOf("web-2")));

    client.pods("default").create(MakePod.named("web-3").req("cpu", "1500m").build());
    String want = "0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 Insufficient cpu. "
        + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
        + "2 No preemption victims found for incoming pod..";
    server.awaitOrFail(WAIT, "web-3's PodScheduled condition",
        () -> scheduledCondition("web-3").map(c -> c.getMessage().equals(want)).orElse(false));
    V1.PodCondition c = scheduledCondition("web-3").orElseThrow();
    assertEquals("False", c.getStatus());
    assertEquals("Unschedulable", c.getReason());
    assertEquals("", nodeOf("web-3"));

    server.awaitOrFail(WAIT, "events", () -> events("Scheduled").size() == 2 && events("FailedScheduling").size() == 1);
    V1.Event failed = events("FailedScheduling").get(0);
    assertEquals(want, failed.getMessage());
    assertEquals("Warning", failed.getType());
    assertEquals("web-3", failed.getInvolvedObject().getName());
    assertEquals("default-scheduler", failed.getSource().getComponent());
    assertTrue(events("Scheduled").stream().anyMatch(e -> e.getMessage().equals(
        "Successfully assigned default/web-1 to " + nodeOf("web-1"))));
    server.awaitOrFail(WAIT, "web-3 waiting in the unschedulable queue",
        () -> scheduler.queue().isUnschedulable(pod("web-3").orElseThrow()));
  }

  @Test
  void antiAffinityNamespaceSelectorsMatchTheNamespacesLabels() throws Exception {
    for (String n : List.of("node1", "node2")) {
      client.nodes().create(MakeNode.named(n).allocatable("cpu", "4").label("kubernetes.io/hostname", n).build());
    }
    for (String team : List.of("a", "b")) {
      client.namespaces().create(V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder()
          .setName("team-" + team).putLabels("team", team)).build());
    }
    client.pods("team-a").create(MakePod.named("db").namespace("team-a").label("app", "db").node("node1").build());
    start();

    for (String team : List.of("a", "b")) {
      V1.PodAffinityTerm awayFromDb = V1.PodAffinityTerm.newBuilder().setTopologyKey("kubernetes.io/hostname")
          .setLabelSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "db"))
          .setNamespaceSelector(Meta.LabelSelector.newBuilder().putMatchLabels("team", team)).build();
      V1.PreferredSchedulingTerm towardsNode1 = V1.PreferredSchedulingTerm.newBuilder().setWeight(100)
          .setPreference(V1.NodeSelectorTerm.newBuilder().addMatchExpressions(V1.NodeSelectorRequirement.newBuilder()
              .setKey("kubernetes.io/hostname").setOperator("In").addValues("node1"))).build();
      client.pods("default").create(MakePod.named("away-from-" + team).spec(s -> s.setAffinity(V1.Affinity
          .newBuilder().setPodAntiAffinity(V1.PodAntiAffinity.newBuilder()
              .addRequiredDuringSchedulingIgnoredDuringExecution(awayFromDb))
          .setNodeAffinity(V1.NodeAffinity.newBuilder()
              .addPreferredDuringSchedulingIgnoredDuringExecution(towardsNode1)))).build());
      awaitBound("away-from-" + team);
    }
    assertEquals("node2", nodeOf("away-from-a"), "team-a's labels select the db pod's namespace: not beside it");
    assertEquals("node1", nodeOf("away-from-b"), "team-b's selector leaves the db pod out: the preferred node");
  }

  @Test
  void retriesAnUnschedulablePodWhenANodeArrives() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "1").build());
    start();
    client.pods("default").create(MakePod.named("big").req("cpu", "2").build());
    server.awaitOrFail(WAIT, "big unschedulable",
        () -> waitingAfterAFailedCycle() && scheduledCondition("big").isPresent());
    assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
        + "1 No preemption victims found for incoming pod..", scheduledCondition("big").get().getMessage());

    client.nodes().create(MakeNode.named("node2").allocatable("cpu", "4").build());
    server.awaitOrFail(WAIT, "big moved to backoff", () -> scheduler.queue().backoffCount() == 1);
    clock.advance(Duration.ofSeconds(2));
    awaitBound("big");
    assertEquals("node2", nodeOf("big"));
  }

  @Test
  void aPodWithAMissingClaimWaitsUntilTheClaimIsBoundThenGoesWhereItsVolumeIs() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2").label("kubernetes.io/hostname", "node1")
        .build());
    client.nodes().create(MakeNode.named("node2").allocatable("cpu", "2").label("kubernetes.io/hostname", "node2")
        .build());
    start();
    client.pods("default").create(MakePod.named("db").pvc("data").build());
    server.awaitOrFail(WAIT, "db unschedulable",
        () -> waitingAfterAFailedCycle() && scheduledCondition("db").isPresent());
    assertTrue(scheduledCondition("db").get().getMessage().startsWith(
        "0/2 nodes are available: persistentvolumeclaim \"data\" not found."),
        scheduledCondition("db").get().getMessage());

    V1.NodeSelectorTerm onNode2 = V1.NodeSelectorTerm.newBuilder().addMatchExpressions(
        V1.NodeSelectorRequirement.newBuilder().setKey("kubernetes.io/hostname").setOperator("In")
            .addValues("node2")).build();
    client.resource(Kinds.PERSISTENT_VOLUME, "").create(V1.PersistentVolume.newBuilder()
        .setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("pv-1"))
        .setSpec(V1.PersistentVolumeSpec.newBuilder().setNodeAffinity(V1.VolumeNodeAffinity.newBuilder()
            .setRequired(V1.NodeSelector.newBuilder().addNodeSelectorTerms(onNode2))))
        .build());
    client.resource(Kinds.PERSISTENT_VOLUME_CLAIM, "default").create(V1.PersistentVolumeClaim.newBuilder()
        .setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("data")
            .setNamespace("default"))
        .setSpec(V1.PersistentVolumeClaimSpec.newBuilder().setVolumeName("pv-1"))
        .build());
    server.awaitOrFail(WAIT, "db moved to backoff by the claim", () -> scheduler.queue().backoffCount() == 1);
    // The volume's and the claim's events each move the pod; a cycle that ran between them (claim not yet seen)
    // backs it off again, so keep the backoff clock moving until it is bound.
    server.awaitOrFail(WAIT, "db bound", () -> {
      clock.advance(Duration.ofSeconds(2));
      return !nodeOf("db").isEmpty();
    });
    assertEquals("node2", nodeOf("db"));
  }

  @Test
  void retriesAnUnschedulablePodWhenABoundPodIsDeleted() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2").build());
    start();
    client.pods("default").create(MakePod.named("first").req("cpu", "2").build());
    awaitBound("first");
    client.pods("default").create(MakePod.named("second").req("cpu", "2").build());
    server.awaitOrFail(WAIT, "second unschedulable", this::waitingAfterAFailedCycle);

    client.pods("default").delete("first");
    server.awaitOrFail(WAIT, "second moved to backoff", () -> scheduler.queue().backoffCount() == 1);
    clock.advance(Duration.ofSeconds(2));
    awaitBound("second");
  }

  @Test
  void saysSoWhenThereAreNoReadyNodes() throws Exception {
    client.nodes().create(MakeNode.named("sick").allocatable("cpu", "4").notReady().build());
    start();
    client.pods("default").create(MakePod.named("p").build());
    server.awaitOrFail(WAIT, "condition", () -> scheduledCondition("p").isPresent());
    assertEquals("no nodes available to schedule pods", scheduledCondition("p").get().getMessage());
  }

  @Test
  void leavesPodsOfOtherSchedulersAlone() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "4").build());
    start();
    client.pods("default").create(MakePod.named("theirs").schedulerName("my-scheduler").build());
    client.pods("default").create(MakePod.named("ours").build());
    awaitBound("ours");
    assertEquals("", nodeOf("theirs"));
    assertEquals(0, scheduler.queue().activeCount() + scheduler.queue().backoffCount()
        + scheduler.queue().unschedulableCount());
  }

  @Test
  void aFailedBindingIsRetriedAfterBackoff() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "4").build());
    start();
    server.failNext("binding", Kinds.POD, windlass.client.ApiException.internal("etcd timeout"));
    client.pods("default").create(MakePod.named("p").build());
    server.awaitOrFail(WAIT, "p in backoff", () -> scheduler.queue().backoffCount() == 1);
    assertEquals(0, scheduler.cache().podCount(), "the assumed pod was forgotten");
    clock.advance(Duration.ofSeconds(2));
    awaitBound("p");
    assertNotEquals("", nodeOf("p"));
  }

  @Test
  void aHigherPriorityPodPreemptsNominatesTheNodeAndIsBoundThereOnceTheVictimIsGone() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2").build());
    NodeResourcesFit fit = new NodeResourcesFit();
    List<String> evicted = new java.util.concurrent.CopyOnWriteArrayList<>();
    Framework profile = Framework.builder(DefaultProfile.NAME).queueSort(new PrioritySort())
        .preFilter(fit).filter(fit).score(fit, 1)
        .postFilter(new DefaultPreemption((victim, preemptor, node) -> {
          evicted.add(victim.getMetadata().getName());
          client.pods("default").delete(victim.getMetadata().getName());
        }, new Random(1)))
        .bind(new DefaultBinder(client)).build();
    scheduler = new Scheduler(SchedulerConfig.defaults(client).withClock(clock).withRandom(new Random(7)), profile);
    scheduler.startAsync().awaitRunning(10, TimeUnit.SECONDS);

    client.pods("default").create(MakePod.named("low").priority(10).req("cpu", "2").build());
    awaitBound("low");
    client.pods("default").create(MakePod.named("high").priority(1000).req("cpu", "2").build());
    server.awaitOrFail(WAIT, "high nominated to node1",
        () -> pod("high").map(p -> p.getStatus().getNominatedNodeName().equals("node1")).orElse(false));
    assertEquals(List.of("low"), evicted);
    assertEquals("0/1 nodes are available: 1 Insufficient cpu.", scheduledCondition("high").get().getMessage());
    server.awaitOrFail(WAIT, "high retried after the victim's delete",
        () -> scheduler.queue().backoffCount() == 1);
    clock.advance(Duration.ofSeconds(2));
    awaitBound("high");
    assertEquals("node1", nodeOf("high"));
  }

  @Test
  void aPodWithPreemptionPolicyNeverWaits() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2").build());
    start();
    client.pods("default").create(MakePod.named("low").priority(10).req("cpu", "2").build());
    awaitBound("low");
    client.pods("default").create(MakePod.named("polite").priority(1000).preemptionPolicy("Never")
        .req("cpu", "2").build());
    server.awaitOrFail(WAIT, "polite unschedulable", () -> scheduledCondition("polite").isPresent());
    assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to "
        + "preemptionPolicy=Never..", scheduledCondition("polite").get().getMessage());
    assertEquals("node1", nodeOf("low"));
  }

  @Test
  void theDefaultProfileMarksAndEvictsTheVictimAndRecordsPreemptedOnIt() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2", "memory", "4Gi").build());
    start();
    client.pods("default").create(MakePod.named("low").priority(10).req("cpu", "2").build());
    awaitBound("low");
    V1.Pod high = client.pods("default").create(MakePod.named("high").priority(1000).req("cpu", "2").build());
    server.awaitOrFail(WAIT, "low evicted", () -> pod("low").isEmpty());
    assertEquals(1, server.actions("updateStatus", Kinds.POD).stream().filter(a -> a.name().equals("low")).count(),
        "the DisruptionTarget condition is set before the eviction");
    server.awaitOrFail(WAIT, "Preempted recorded", () -> !events("Preempted").isEmpty());
    assertEquals("Preempted by pod " + high.getMetadata().getUid() + " on node node1",
        events("Preempted").get(0).getMessage());
    clock.advance(Duration.ofSeconds(2));
    awaitBound("high");
  }

  @Test
  void anEvictionTheApiserverRefusesSendsThePodToBackoffWithTheReason() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2", "memory", "4Gi").build());
    start();
    client.pods("default").create(MakePod.named("low").priority(10).req("cpu", "2").build());
    awaitBound("low");
    server.failNext("eviction", Kinds.POD, new windlass.client.ApiException(io.grpc.Status.Code.RESOURCE_EXHAUSTED,
        io.kubernetes.client.proto.Meta.Status.newBuilder().setCode(429).setReason("TooManyRequests")
            .setMessage("Cannot evict pod as it would violate the pod's disruption budget.").build()));
    client.pods("default").create(MakePod.named("high").priority(1000).req("cpu", "2").build());
    server.awaitOrFail(WAIT, "high's cycle failed", () -> scheduledCondition("high").isPresent());
    V1.PodCondition c = scheduledCondition("high").get();
    assertEquals("SchedulerError", c.getReason());
    assertEquals("running PostFilter plugin \"DefaultPreemption\": preemption: evicting pod default/low from node "
        + "node1: Cannot evict pod as it would violate the pod's disruption budget.", c.getMessage());
    assertEquals("", pod("high").get().getStatus().getNominatedNodeName());
    assertTrue(pod("low").isPresent(), "the refused victim stays");
    server.awaitOrFail(WAIT, "high in backoff", () -> scheduler.queue().backoffCount() == 1);
    clock.advance(Duration.ofSeconds(2));
    server.awaitOrFail(WAIT, "the retry evicts low", () -> pod("low").isEmpty());
  }

  @Test
  void aLowerPriorityPodArrivingBeforeThePreemptorBindsDoesNotTakeTheRoomMadeForIt() throws Exception {
    client.nodes().create(MakeNode.named("node1").allocatable("cpu", "2", "memory", "4Gi").build());
    start();
    client.pods("default").create(MakePod.named("low").priority(10).req("cpu", "2").build());
    awaitBound("low");
    client.pods("default").create(MakePod.named("high").priority(1000).req("cpu", "2").build());
    server.awaitOrFail(WAIT, "low evicted", () -> pod("low").isEmpty());
    server.awaitOrFail(WAIT, "high nominated to node1",
        () -> pod("high").map(p -> p.getStatus().getNominatedNodeName().equals("node1")).orElse(false));
    // high waits out its backoff (the fake clock stands still): node1 is free, but promised to high.
    server.awaitOrFail(WAIT, "high in backoff", () -> scheduler.queue().backoffCount() == 1);
    client.pods("default").create(MakePod.named("sneaky").priority(500).req("cpu", "2").build());
    server.awaitOrFail(WAIT, "sneaky's cycle failed", () -> scheduledCondition("sneaky").isPresent());
    assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
        + "1 No preemption victims found for incoming pod..", scheduledCondition("sneaky").get().getMessage());
    assertEquals("", nodeOf("sneaky"));
    clock.advance(Duration.ofSeconds(2));
    awaitBound("high");
    assertEquals("node1", nodeOf("high"));
    assertEquals("", nodeOf("sneaky"));
    assertEquals(java.util.Map.of(), scheduler.queue().nominator().nominatedPodsByNode(),
        "high's nomination went when it was placed");
    assertEquals("node1", pod("high").get().getStatus().getNominatedNodeName(),
        "as in 1.32, binding leaves status.nominatedNodeName as it is");
  }

  @Test
  void aPodWhoseCycleFailsOtherwiseThanUnschedulableGivesUpItsNomination() throws Exception {
    V1.Pod p = client.pods("default").create(MakePod.named("p").build());
    client.pods("default").updateStatus(p.toBuilder()
        .setStatus(p.getStatus().toBuilder().setNominatedNodeName("node9")).build());
    assertEquals("node9", pod("p").get().getStatus().getNominatedNodeName());
    start();
    server.awaitOrFail(WAIT, "p's cycle failed", () -> scheduledCondition("p").isPresent());
    assertEquals("no nodes available to schedule pods", scheduledCondition("p").get().getMessage());
    assertEquals("", pod("p").get().getStatus().getNominatedNodeName());
    assertEquals(java.util.Map.of(), scheduler.queue().nominator().nominatedPodsByNode());
  }
}
