package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Scheduling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.ApiServer;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.WindlassClient;
import windlass.client.informer.InformerFactory;
import windlass.client.informer.ResourceEventHandler;
import windlass.scheduler.Scheduler;
import windlass.scheduler.SchedulerConfig;

/**
 * The scheduler's default profile against the real apiserver (in-process gRPC, SQLite in a temp dir) rather than
 * the client's FakeApiServer: a tainted control-plane node in zone a and two 2-CPU workers (w1 in zone a with an
 * SSD, w2 in zone b); pods whose nodeSelector, affinity, anti-affinity, spread constraints and tolerations leave
 * the answer upstream would give; upstream's FitError message; preemption through the real eviction subresource;
 * claims and volumes' node affinity. Needs no root or containerd, so it is not tagged e2e.
 */
class SchedulerIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CP = "node-role.kubernetes.io/control-plane";
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOST = "kubernetes.io/hostname";

  @TempDir
  Path dataDir;

  private ApiServer apiServer;
  private WindlassClient client;
  private Scheduler scheduler;
  private InformerFactory watching;
  private final Object changed = new Object();

  @BeforeEach
  void startApiServerSchedulerAndNodes() throws Exception {
    String name = "scheduler-it-" + UUID.randomUUID();
    apiServer = new ApiServer(ApiServer.Config.of(dataDir), InProcessServerBuilder.forName(name));
    apiServer.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    client = new WindlassClient(InProcessChannelBuilder.forName(name).build(), true);
    client.nodes().create(node("cp", "4", n -> n.putLabels(ZONE, "a").putLabels(HOST, "cp")
        .putLabels(CP, ""), s -> s.addTaints(V1.Taint.newBuilder().setKey(CP).setEffect("NoSchedule"))));
    client.nodes().create(node("w1", "2", n -> n.putLabels(ZONE, "a").putLabels(HOST, "w1")
        .putLabels("disk", "ssd"), s -> { }));
    client.nodes().create(node("w2", "2", n -> n.putLabels(ZONE, "b").putLabels(HOST, "w2"), s -> { }));
    scheduler = new Scheduler(SchedulerConfig.defaults(client));
    scheduler.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    // The test waits on changes it sees through its own informer (with a short re-check), never on a timer.
    watching = new InformerFactory(client, Clock.system(), Duration.ZERO);
    watching.<V1.Pod>informer(Kinds.POD).addEventHandler(ResourceEventHandler.onAny(o -> {
      synchronized (changed) {
        changed.notifyAll();
      }
    }));
    watching.start();
    assertTrue(watching.awaitSynced(WAIT));
  }

  @AfterEach
  void stop() throws Exception {
    watching.close();
    scheduler.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    client.close();
    apiServer.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
  }

  @Test
  void placesPodsWhereUpstreamWould() throws Exception {
    assertEquals("w1", place(pod("ssd").label("app", "ssd").cpu("500m").nodeSelector("disk", "ssd")));
    assertEquals("w2", place(pod("db").label("app", "db").cpu("500m").spec(s -> s.getAffinityBuilder()
        .getNodeAffinityBuilder().getRequiredDuringSchedulingIgnoredDuringExecutionBuilder()
        .addNodeSelectorTerms(V1.NodeSelectorTerm.newBuilder().addMatchExpressions(
            V1.NodeSelectorRequirement.newBuilder().setKey(ZONE).setOperator("In").addValues("b"))))));
    // in db's zone: only w2 is in zone b
    assertEquals("w2", place(pod("web").label("app", "web").cpu("500m").spec(s -> s.getAffinityBuilder()
        .getPodAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(podTerm("app", "db", ZONE)))));
    // not on a host with a web pod: w2 has one, cp is tainted
    assertEquals("w1", place(pod("web-2").label("app", "web").cpu("500m").spec(s -> s.getAffinityBuilder()
        .getPodAntiAffinityBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(
            podTerm("app", "web", HOST)))));
    assertEquals("cp", place(pod("tolerant").tolerateControlPlane().nodeSelector(HOST, "cp")));

    // maxSkew 1 over zones: the first replica may go to either worker (a tie upstream breaks at random), the second
    // must go to the other zone.
    V1.TopologySpreadConstraint zoneSpread = V1.TopologySpreadConstraint.newBuilder().setTopologyKey(ZONE)
        .setMaxSkew(1).setWhenUnsatisfiable("DoNotSchedule")
        .setLabelSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "spread")).build();
    String first = place(pod("spread-1").label("app", "spread").spec(s -> s.addTopologySpreadConstraints(zoneSpread)));
    assertTrue(first.equals("w1") || first.equals("w2"), first);
    String second = place(pod("spread-2").label("app", "spread")
        .spec(s -> s.addTopologySpreadConstraints(zoneSpread)));
    assertEquals(first.equals("w1") ? "w2" : "w1", second, "the second replica goes to the other zone");
  }

  @Test
  void anUnschedulablePodCarriesUpstreamsFitErrorAndPreemptionMessage() throws Exception {
    // Filters stop at a node's first failure (TaintToleration before NodeResourcesFit): cp for its taint, the
    // workers for cpu; the histogram is sorted as strings. DefaultPreemption: the taint is unresolvable ("not
    // helpful"); the workers could only be freed by evicting lower-priority pods, and there are none. FitError
    // ends its list with "." and appends the PostFilter message, which brings its own ".".
    String want = "0/3 nodes are available: 1 node(s) had untolerated taint {" + CP + ": }, 2 Insufficient cpu. "
        + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
        + "2 No preemption victims found for incoming pod..";
    assertEquals(want, unschedulable(pod("big").cpu("3")));
  }

  @Test
  void aHighPriorityPodPreemptsALowPriorityOneThroughTheEvictionSubresource() throws Exception {
    for (String name : List.of("low", "high")) {
      client.resource(Kinds.PRIORITY_CLASS, V1Scheduling.PriorityClass.class).create(V1Scheduling.PriorityClass
          .newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name)).setValue(name.equals("low") ? 10 : 1000)
          .build());
    }
    assertEquals("cp", place(pod("low").priorityClass("low").cpu("3").tolerateControlPlane().nodeSelector(HOST, "cp")));
    client.pods("default").create(pod("high").priorityClass("high").cpu("2").tolerateControlPlane()
        .nodeSelector(HOST, "cp").build());
    // The scheduler evicts low through pods/eviction. low is bound to a node, so the apiserver deletes it
    // gracefully (a deletionTimestamp, 30s grace) and waits for its kubelet; there is none here.
    await("low terminating and high nominated to cp", () -> get("low").map(p -> p.getMetadata()
        .hasDeletionTimestamp()).orElse(false)
        && get("high").map(p -> p.getStatus().getNominatedNodeName().equals("cp")).orElse(false));
    assertEquals("", get("high").orElseThrow().getSpec().getNodeName(), "still holds its place: low has the cpu");
    // The nominating cycle's FitError has no PostFilter message (preemption succeeded); a retry while low is still
    // terminating adds DefaultPreemption's refusal to preempt again.
    String fit = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.";
    String message = unscheduled("high").orElseThrow().getMessage();
    assertTrue(message.equals(fit)
        || message.equals(fit + " not eligible due to a terminating pod on the nominated node.."), message);
    // Acting as cp's kubelet: the container stopped, finish the deletion.
    client.pods("default").delete(windlass.api.v1.DeleteRequest.newBuilder().setName("low").setGracePeriodSeconds(0));
    await("low gone and high bound", () -> get("low").isEmpty() && !nodeOf("high").isEmpty());
    assertEquals("cp", nodeOf("high"));
  }

  @Test
  void aPodWaitsForItsClaimThenGoesWhereTheVolumeIs() throws Exception {
    String message = unschedulable(pod("db").cpu("500m").spec(s -> s.addVolumes(V1.Volume.newBuilder()
        .setName("data").setVolumeSource(V1.VolumeSource.newBuilder().setPersistentVolumeClaim(
            V1.PersistentVolumeClaimVolumeSource.newBuilder().setClaimName("data"))))));
    // A PreFilter rejection names no nodes; preemption cannot help an unresolvable status on any node.
    assertEquals("0/3 nodes are available: persistentvolumeclaim \"data\" not found. preemption: 0/3 nodes are "
        + "available: 3 Preemption is not helpful for scheduling..", message);

    client.resource(Kinds.PERSISTENT_VOLUME, "").create(V1.PersistentVolume.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("pv-1"))
        .setSpec(V1.PersistentVolumeSpec.newBuilder().putCapacity("storage", Quantities.of("1Gi"))
            .addAccessModes("ReadWriteOnce").setPersistentVolumeReclaimPolicy("Retain")
            .setStorageClassName("local")
            .setPersistentVolumeSource(V1.PersistentVolumeSource.newBuilder()
                .setLocal(V1.LocalVolumeSource.newBuilder().setPath("/mnt/disks/1")))
            .setClaimRef(V1.ObjectReference.newBuilder().setNamespace("default").setName("data"))
            .setNodeAffinity(V1.VolumeNodeAffinity.newBuilder().setRequired(V1.NodeSelector.newBuilder()
                .addNodeSelectorTerms(V1.NodeSelectorTerm.newBuilder().addMatchExpressions(
                    V1.NodeSelectorRequirement.newBuilder().setKey(HOST).setOperator("In").addValues("w2"))))))
        .build());
    client.resource(Kinds.PERSISTENT_VOLUME_CLAIM, "default").create(V1.PersistentVolumeClaim.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("data").setNamespace("default"))
        .setSpec(V1.PersistentVolumeClaimSpec.newBuilder().addAccessModes("ReadWriteOnce")
            .setStorageClassName("local").setVolumeName("pv-1")
            .setResources(V1.VolumeResourceRequirements.newBuilder().putRequests("storage", Quantities.of("1Gi"))))
        .build());
    await("db bound", () -> !nodeOf("db").isEmpty());
    assertEquals("w2", nodeOf("db"));
  }

  // --- waiting and reading

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (changed) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what);
        }
        changed.wait(Math.max(1, Math.min(200, left / 1_000_000)));
      }
    }
  }

  private Optional<V1.Pod> get(String name) {
    return client.pods("default").list().items().stream()
        .filter(p -> p.getMetadata().getName().equals(name)).findFirst();
  }

  private String nodeOf(String name) {
    return get(name).map(p -> p.getSpec().getNodeName()).orElse("");
  }

  private Optional<V1.PodCondition> unscheduled(String name) {
    return get(name).flatMap(p -> p.getStatus().getConditionsList().stream()
        .filter(c -> c.getType().equals("PodScheduled") && c.getStatus().equals("False")).findFirst());
  }

  private String place(PodBuilder pod) throws Exception {
    String name = pod.name();
    client.pods("default").create(pod.build());
    await(name + " bound", () -> !nodeOf(name).isEmpty());
    return nodeOf(name);
  }

  private String unschedulable(PodBuilder pod) throws Exception {
    String name = pod.name();
    client.pods("default").create(pod.build());
    await(name + " unschedulable", () -> unscheduled(name).isPresent());
    assertEquals("", nodeOf(name));
    assertEquals("Unschedulable", unscheduled(name).get().getReason());
    return unscheduled(name).get().getMessage();
  }

  // --- objects

  private static V1.Node node(String name, String cpu, Consumer<Meta.ObjectMeta.Builder> meta,
      Consumer<V1.NodeSpec.Builder> spec) {
    V1.Node.Builder n = V1.Node.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name))
        .setStatus(V1.NodeStatus.newBuilder()
            .putCapacity("cpu", Quantities.of(cpu)).putCapacity("memory", Quantities.of("8Gi"))
            .putCapacity("pods", Quantities.of("110"))
            .putAllocatable("cpu", Quantities.of(cpu)).putAllocatable("memory", Quantities.of("8Gi"))
            .putAllocatable("pods", Quantities.of("110"))
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")));
    meta.accept(n.getMetadataBuilder());
    spec.accept(n.getSpecBuilder());
    return n.build();
  }

  private static V1.PodAffinityTerm podTerm(String key, String value, String topologyKey) {
    return V1.PodAffinityTerm.newBuilder().setTopologyKey(topologyKey)
        .setLabelSelector(Meta.LabelSelector.newBuilder().putMatchLabels(key, value)).build();
  }

  private static PodBuilder pod(String name) {
    return new PodBuilder(name);
  }

  /** A pod in "default" with one container; what the scenarios vary is added fluently. */
  private static final class PodBuilder {
    private final V1.Pod.Builder pod = V1.Pod.newBuilder();
    private final V1.Container.Builder container = V1.Container.newBuilder().setName("c").setImage("nginx:1.27");

    PodBuilder(String name) {
      pod.setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default"));
    }

    String name() {
      return pod.getMetadata().getName();
    }

    PodBuilder label(String key, String value) {
      pod.getMetadataBuilder().putLabels(key, value);
      return this;
    }

    PodBuilder cpu(String cpu) {
      container.getResourcesBuilder().putRequests("cpu", Quantities.of(cpu));
      return this;
    }

    PodBuilder nodeSelector(String key, String value) {
      pod.getSpecBuilder().putNodeSelector(key, value);
      return this;
    }

    PodBuilder tolerateControlPlane() {
      pod.getSpecBuilder().addTolerations(V1.Toleration.newBuilder().setKey(CP).setOperator("Exists")
          .setEffect("NoSchedule"));
      return this;
    }

    /** The priority comes from the class through the apiserver's Priority admission, as upstream. */
    PodBuilder priorityClass(String name) {
      pod.getSpecBuilder().setPriorityClassName(name);
      return this;
    }

    PodBuilder spec(Consumer<V1.PodSpec.Builder> change) {
      change.accept(pod.getSpecBuilder());
      return this;
    }

    V1.Pod build() {
      return pod.setSpec(pod.getSpecBuilder().addContainers(container)).build();
    }
  }
}
