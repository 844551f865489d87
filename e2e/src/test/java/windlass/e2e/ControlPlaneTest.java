package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
import windlass.controllers.ControllerManager;
import windlass.controllers.ControllerManagerConfig;
import windlass.scheduler.Scheduler;
import windlass.scheduler.SchedulerConfig;

/**
 * The control plane in one JVM, without nodes' runtimes: the real apiserver (SQLite, in-process gRPC), the
 * scheduler and the controller manager. A deployment becomes a ReplicaSet and pods, pods are bound to nodes with
 * room, the rest are reported unschedulable with upstream's message. Needs no root or containerd, so it is not
 * tagged e2e.
 */
class ControlPlaneTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private ApiServer apiServer;
  private WindlassClient client;
  private Scheduler scheduler;
  private ControllerManager controllers;
  private InformerFactory watching;
  private final Object changed = new Object();

  @BeforeEach
  void startControlPlane() throws Exception {
    String name = "control-plane-" + UUID.randomUUID();
    apiServer = new ApiServer(ApiServer.Config.of(dataDir), InProcessServerBuilder.forName(name));
    apiServer.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    client = new WindlassClient(InProcessChannelBuilder.forName(name).build(), true);
    scheduler = new Scheduler(SchedulerConfig.defaults(client));
    controllers = new ControllerManager(new ControllerManagerConfig(client, Clock.system(), 2, 2, Duration.ZERO));
    scheduler.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    controllers.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    // The test waits on changes it sees through its own informers, never on a timer.
    watching = new InformerFactory(client, Clock.system(), Duration.ZERO);
    ResourceEventHandler<com.google.protobuf.Message> wake = ResourceEventHandler.onAny(o -> {
      synchronized (changed) {
        changed.notifyAll();
      }
    });
    for (var kind : List.of(Kinds.POD, Kinds.REPLICA_SET, Kinds.DEPLOYMENT, Kinds.EVENT)) {
      watching.<com.google.protobuf.Message>informer(kind).addEventHandler(wake);
    }
    watching.start();
    assertTrue(watching.awaitSynced(WAIT));
  }

  @AfterEach
  void stopControlPlane() throws Exception {
    watching.close();
    controllers.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    scheduler.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    client.close();
    apiServer.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
  }

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

  private static V1.Node node(String name, String cpu) {
    return V1.Node.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name))
        .setStatus(V1.NodeStatus.newBuilder()
            .putCapacity("cpu", Quantities.of(cpu)).putCapacity("memory", Quantities.of("8Gi"))
            .putCapacity("pods", Quantities.of("110"))
            .putAllocatable("cpu", Quantities.of(cpu)).putAllocatable("memory", Quantities.of("8Gi"))
            .putAllocatable("pods", Quantities.of("110"))
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")))
        .build();
  }

  private static V1Apps.Deployment deployment(String name, int replicas, String cpu) {
    V1.PodTemplateSpec template = V1.PodTemplateSpec.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", name))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName(name).setImage("nginx:1.27")
            .setResources(V1.ResourceRequirements.newBuilder().putRequests("cpu", Quantities.of(cpu)))))
        .build();
    return V1Apps.Deployment.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(replicas)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", name)).setTemplate(template))
        .build();
  }

  private List<V1.Pod> activePods(String app) {
    return client.pods("default").list().items().stream()
        .filter(p -> app.equals(p.getMetadata().getLabelsMap().get("app")))
        .filter(p -> !p.getMetadata().hasDeletionTimestamp()).toList();
  }

  private List<V1.Event> events(String reason) {
    return client.events("default").list().items().stream().filter(e -> e.getReason().equals(reason)).toList();
  }

  private static Optional<V1.PodCondition> scheduled(V1.Pod p) {
    return p.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("PodScheduled")).findFirst();
  }

  @Test
  void deploymentsBecomeBoundPodsOrSayWhyNot() throws Exception {
    client.nodes().create(node("node1", "2"));
    client.nodes().create(node("node2", "2"));
    client.deployments("default").create(deployment("web", 3, "1"));
    client.deployments("default").create(deployment("big", 1, "3"));

    await("3 web pods bound", () -> activePods("web").size() == 3
        && activePods("web").stream().allMatch(p -> !p.getSpec().getNodeName().isEmpty()));
    // upstream's FitError with DefaultPreemption's PostFilter message (its own trailing "." plus the separator's)
    String unschedulable = "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: "
        + "2 No preemption victims found for incoming pod..";
    await("big reported unschedulable", () -> activePods("big").size() == 1
        && scheduled(activePods("big").get(0)).map(c -> c.getMessage().equals(unschedulable)).orElse(false));
    V1.PodCondition c = scheduled(activePods("big").get(0)).orElseThrow();
    assertEquals("False", c.getStatus());
    assertEquals("Unschedulable", c.getReason());

    V1Apps.ReplicaSet rs = client.replicaSets("default").list().items().stream()
        .filter(r -> r.getMetadata().getName().startsWith("web-")).findFirst().orElseThrow();
    await("web deployment status", () -> {
      V1Apps.Deployment d = client.deployments("default").get("web");
      return d.getStatus().getReplicas() == 3 && d.getStatus().getUpdatedReplicas() == 3
          && d.getStatus().getObservedGeneration() == d.getMetadata().getGeneration();
    });
    await("events", () -> events("Scheduled").size() == 3 && events("FailedScheduling").size() >= 1
        && events("SuccessfulCreate").size() == 4 && events("ScalingReplicaSet").size() == 2);
    assertTrue(events("ScalingReplicaSet").stream().anyMatch(e -> e.getMessage().equals(
        "Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 3")));
    assertEquals(unschedulable, events("FailedScheduling").get(0).getMessage());

    // Room appears: a third node lets the big pod in.
    client.nodes().create(node("node3", "4"));
    await("big bound to node3", () -> activePods("big").size() == 1
        && activePods("big").get(0).getSpec().getNodeName().equals("node3"));

    // Scale down: bound pods are deleted gracefully (they wait for a kubelet); the ReplicaSet counts active ones.
    V1Apps.Deployment web = client.deployments("default").get("web");
    client.deployments("default").update(web.toBuilder().setSpec(web.getSpec().toBuilder().setReplicas(1)).build());
    await("one active web pod", () -> activePods("web").size() == 1
        && client.replicaSets("default").get(rs.getMetadata().getName()).getStatus().getReplicas() == 1);
  }

  private List<V1Apps.ReplicaSet> replicaSets(String app) {
    return client.replicaSets("default").list().items().stream()
        .filter(r -> app.equals(r.getSpec().getSelector().getMatchLabelsMap().get("app"))).toList();
  }

  private boolean deploymentGone(String name) {
    return client.deployments("default").list().items().stream().noneMatch(d -> d.getMetadata().getName().equals(name));
  }

  private void awaitRunningDeployment(String name, int replicas) throws InterruptedException {
    client.deployments("default").create(deployment(name, replicas, "1"));
    await(name + " pods", () -> activePods(name).size() == replicas && replicaSets(name).size() == 1);
  }

  @Test
  void theGarbageCollectorDeletesADeploymentsReplicaSetsAndPodsInTheBackground() throws Exception {
    awaitRunningDeployment("web", 2);
    client.deployments("default").delete("web");
    await("the ReplicaSet and pods collected", () -> replicaSets("web").isEmpty() && activePods("web").isEmpty());
    assertTrue(deploymentGone("web"));
  }

  @Test
  void aForegroundDeleteKeepsTheOwnerUntilItsDependentsAreGone() throws Exception {
    awaitRunningDeployment("web", 2);
    V1Apps.Deployment marked = client.deployments("default").delete(windlass.api.v1.DeleteRequest.newBuilder()
        .setName("web").setPropagationPolicy("Foreground"));
    assertEquals(List.of("foregroundDeletion"), marked.getMetadata().getFinalizersList());
    assertTrue(marked.getMetadata().hasDeletionTimestamp());
    await("the deployment gone", () -> deploymentGone("web"));
    assertTrue(replicaSets("web").isEmpty(), "the ReplicaSet went first");
    assertTrue(client.pods("default").list().items().isEmpty(), "and its pods before it");
  }

  @Test
  void anOrphanDeleteLeavesTheDependentsWithoutTheReference() throws Exception {
    awaitRunningDeployment("web", 1);
    client.deployments("default").delete(windlass.api.v1.DeleteRequest.newBuilder()
        .setName("web").setPropagationPolicy("Orphan"));
    await("the deployment gone", () -> deploymentGone("web"));
    await("the ReplicaSet released", () -> replicaSets("web").size() == 1
        && replicaSets("web").get(0).getMetadata().getOwnerReferencesCount() == 0);
    assertEquals(1, activePods("web").size());
  }

  @Test
  void aDependentWhoseOwnerNoLongerExistsIsCollected() throws Exception {
    awaitRunningDeployment("web", 1);
    V1Apps.ReplicaSet rs = replicaSets("web").get(0);
    // As a crash between an owner's removal and its dependents' would leave them: owners that are not there.
    Meta.OwnerReference missing = Meta.OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet")
        .setName("gone").setUid("00000000-0000-4000-8000-000000000001").setController(true).build();
    Meta.OwnerReference replaced = missing.toBuilder().setName(rs.getMetadata().getName()).build();
    Meta.OwnerReference live = missing.toBuilder().setName(rs.getMetadata().getName())
        .setUid(rs.getMetadata().getUid()).setController(false).build();
    for (var ref : List.of(Map.entry("orphan-a", List.of(missing)), Map.entry("orphan-b", List.of(replaced)),
        Map.entry("kept", List.of(missing, live)))) {
      client.pods("default").create(V1.Pod.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName(ref.getKey()).addAllOwnerReferences(ref.getValue()))
          .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("x")))
          .build());
    }
    await("orphans collected, the live reference kept", () -> {
      List<V1.Pod> pods = client.pods("default").list().items();
      return pods.stream().noneMatch(p -> p.getMetadata().getName().startsWith("orphan-"))
          && pods.stream().anyMatch(p -> p.getMetadata().getName().equals("kept")
              && p.getMetadata().getOwnerReferencesList().equals(List.of(live)));
    });
  }
}
