package windlass.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static windlass.scheduler.testing.Affinities.expr;
import static windlass.scheduler.testing.Affinities.podTerm;
import static windlass.scheduler.testing.Affinities.term;

import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;
import windlass.scheduler.config.SchedulerConfigFile;
import windlass.scheduler.plugins.volumebinding.VolumeLister;
import windlass.scheduler.testing.Affinities;
import windlass.scheduler.testing.MakeNode;
import windlass.scheduler.testing.MakePod;

/**
 * The default profile end to end against a fake apiserver: three nodes (a tainted control plane in zone a, w1 in
 * zone a with an SSD, w2 in zone b; 2 CPUs each for the workers) and pods whose nodeSelector, affinity,
 * anti-affinity, spread constraints and tolerations leave one right answer, as upstream would place them.
 */
class PlacementTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CP = "node-role.kubernetes.io/control-plane";
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";
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

  private void cluster() throws Exception {
    client.nodes().create(MakeNode.named("cp").label(ZONE, "a").label(HOST, "cp")
        .allocatable("cpu", "4", "memory", "8Gi").taint(CP, "", "NoSchedule").build());
    client.nodes().create(MakeNode.named("w1").label(ZONE, "a").label(HOST, "w1").label("disk", "ssd")
        .allocatable("cpu", "2", "memory", "8Gi").build());
    client.nodes().create(MakeNode.named("w2").label(ZONE, "b").label(HOST, "w2")
        .allocatable("cpu", "2", "memory", "8Gi").build());
  }

  private String place(V1.Pod pod) throws Exception {
    String name = pod.getMetadata().getName();
    client.pods("default").create(pod);
    server.awaitOrFail(WAIT, name + " bound", () -> !nodeOf(name).isEmpty());
    return nodeOf(name);
  }

  private String unschedulable(V1.Pod pod) throws Exception {
    String name = pod.getMetadata().getName();
    client.pods("default").create(pod);
    server.awaitOrFail(WAIT, name + " unschedulable", () -> condition(name).isPresent());
    assertEquals("", nodeOf(name));
    assertEquals("Unschedulable", condition(name).get().getReason());
    return condition(name).get().getMessage();
  }

  private String nodeOf(String name) {
    return server.<V1.Pod>object(Kinds.POD, "default", name).map(p -> p.getSpec().getNodeName()).orElse("");
  }

  private Optional<V1.PodCondition> condition(String name) {
    return server.<V1.Pod>object(Kinds.POD, "default", name).flatMap(p -> p.getStatus().getConditionsList().stream()
        .filter(c -> c.getType().equals("PodScheduled") && c.getStatus().equals("False")).findFirst());
  }

  @Test
  void placesPodsWhereUpstreamWouldAndExplainsTheRest() throws Exception {
    cluster();
    scheduler = new Scheduler(SchedulerConfig.defaults(client).withClock(clock).withRandom(new Random(3)));
    scheduler.startAsync().awaitRunning(10, TimeUnit.SECONDS);

    assertEquals("w1", place(MakePod.named("ssd").label("app", "ssd").req("cpu", "500m").nodeSelector("disk", "ssd").build()));
    assertEquals("w2", place(MakePod.named("db").label("app", "db").req("cpu", "500m").spec(s -> s
        .getAffinityBuilder().getNodeAffinityBuilder().getRequiredDuringSchedulingIgnoredDuringExecutionBuilder()
        .addNodeSelectorTerms(term(expr(ZONE, "In", "b")))).build()));
    assertEquals("w2", place(MakePod.named("web").label("app", "web").req("cpu", "500m").spec(s -> s
        .getAffinityBuilder().getPodAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(
            podTerm("app", "db", ZONE))).build()));
    assertEquals("w1", place(MakePod.named("web-2").label("app", "web").req("cpu", "500m").spec(s -> s
        .getAffinityBuilder().getPodAntiAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(
            podTerm("app", "web", HOST))).build()));
    assertEquals("cp", place(MakePod.named("tolerant").toleration(CP, "Exists", "", "NoSchedule")
        .nodeSelector(HOST, "cp").build()));

    V1.TopologySpreadConstraint zoneSpread = V1.TopologySpreadConstraint.newBuilder().setTopologyKey(ZONE)
        .setMaxSkew(1).setWhenUnsatisfiable("DoNotSchedule").setLabelSelector(Affinities.labels("app", "spread"))
        .build();
    String first = place(MakePod.named("spread-1").label("app", "spread")
        .spec(s -> s.addTopologySpreadConstraints(zoneSpread)).build());
    String second = place(MakePod.named("spread-2").label("app", "spread")
        .spec(s -> s.addTopologySpreadConstraints(zoneSpread)).build());
    assertNotEquals(first, second, "the second replica goes to the other zone");

    String noPreemption = " preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
        + "2 No preemption victims found for incoming pod..";
    assertEquals("0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 Insufficient cpu."
        + noPreemption, unschedulable(MakePod.named("big").req("cpu", "3").build()));
    assertEquals("0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 node(s) didn't match "
        + "pod anti-affinity rules." + noPreemption,
        unschedulable(MakePod.named("loner").spec(s -> s.getAffinityBuilder()
            .getPodAntiAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(
                podTerm("app", "web", ZONE))).build()));
    assertEquals("0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 node(s) didn't match "
        + "Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for "
        + "scheduling..", unschedulable(MakePod.named("nowhere").nodeSelector("disk", "nvme")
            .build()));
    // next to the ssd pod (w1) but web-2 there keeps web pods off its host; w2 has no ssd pod
    assertEquals("0/3 nodes are available: 1 node(s) didn't match pod affinity rules, 1 node(s) didn't satisfy "
        + "existing pods anti-affinity rules, 1 node(s) had untolerated taint {" + CP + ": }. preemption: 0/3 nodes "
        + "are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for "
        + "scheduling..",
        unschedulable(MakePod.named("web-3").label("app", "web").spec(s -> s.getAffinityBuilder()
            .getPodAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(podTerm("app", "ssd",
                HOST))).build()));
  }

  @Test
  void schedulesEachPodWithTheProfileItNamesAndIgnoresOthers() throws Exception {
    cluster();
    var cfg = SchedulerConfigFile.parse("""
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: packer
          plugins:
            score:
              disabled: [{name: "*"}]
              enabled: [{name: NodeResourcesFit}]
          pluginConfig:
          - name: NodeResourcesFit
            args: {scoringStrategy: {type: MostAllocated}}
        """);
    List<windlass.scheduler.framework.Framework> profiles =
        cfg.profiles().stream().map(DefaultProfile.builder(client, VolumeLister.NONE)::build).toList();
    scheduler = new Scheduler(SchedulerConfig.defaults(client).withClock(clock).withRandom(new Random(3)),
        profiles);
    scheduler.startAsync().awaitRunning(10, TimeUnit.SECONDS);

    assertEquals("w1", place(MakePod.named("fill").req("cpu", "1").nodeSelector("disk", "ssd").build()));
    // MostAllocated packs onto the fuller worker; the default profile's LeastAllocated would pick w2.
    assertEquals("w1", place(MakePod.named("packed").schedulerName("packer").req("cpu", "500m").build()));
    assertEquals("w2", place(MakePod.named("spread").req("cpu", "500m").build()));

    client.pods("default").create(MakePod.named("other").schedulerName("someone-else").build());
    client.pods("default").create(MakePod.named("marker").req("cpu", "100m").build());
    server.awaitOrFail(WAIT, "marker bound", () -> !nodeOf("marker").isEmpty());
    assertEquals("", nodeOf("other"));
    assertEquals(Optional.empty(), condition("other"));
    assertEquals(java.util.Set.of("default-scheduler", "packer"), scheduler.profileNames());
  }
}
