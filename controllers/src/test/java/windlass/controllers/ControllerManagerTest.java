package windlass.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;
import windlass.controllers.deployment.PodTemplateHash;
import windlass.controllers.testing.Fixtures;

/** The Deployment and ReplicaSet controllers together, with worker threads, against the fake apiserver. */
class ControllerManagerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final FakeClock clock = new FakeClock();
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private ControllerManager manager;

  @BeforeEach
  void setUp() throws Exception {
    manager = new ControllerManager(new ControllerManagerConfig(client, clock, 2, 2, Duration.ZERO));
    manager.startAsync().awaitRunning(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    manager.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    server.close();
  }

  /**
   * Waits for {@code condition}, moving the fake clock 50 ms per round so keys requeued with backoff after a
   * conflict (the controllers race each other on ReplicaSets, as upstream's do) come back.
   */
  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      clock.advance(Duration.ofMillis(50));
      server.await(Duration.ofMillis(20), condition);
    }
  }

  private List<V1Apps.ReplicaSet> replicaSets() {
    return server.objects(Kinds.REPLICA_SET, "default");
  }

  private List<V1.Pod> pods() {
    return server.objects(Kinds.POD, "default");
  }

  private V1Apps.Deployment deployment() {
    return server.<V1Apps.Deployment>object(Kinds.DEPLOYMENT, "default", "web").orElseThrow();
  }

  private Optional<V1Apps.ReplicaSet> replicaSet(String name) {
    return server.object(Kinds.REPLICA_SET, "default", name);
  }

  private List<String> events(String reason) {
    return server.<V1.Event>objects(Kinds.EVENT, "default").stream().filter(e -> e.getReason().equals(reason))
        .map(V1.Event::getMessage).toList();
  }

  private Optional<V1Apps.DeploymentCondition> condition(String type) {
    return deployment().getStatus().getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  /** Changes the deployment's spec as kubectl would: read, modify, write; again on a conflict. */
  private void update(java.util.function.UnaryOperator<V1Apps.DeploymentSpec.Builder> change) {
    for (int attempt = 0; ; attempt++) {
      V1Apps.Deployment d = client.deployments("default").get("web");
      try {
        client.deployments("default").update(d.toBuilder().setSpec(change.apply(d.getSpec().toBuilder())).build());
        return;
      } catch (windlass.client.ApiException e) {
        if (e.code() != io.grpc.Status.Code.ABORTED || attempt > 10) {
          throw e;
        }
      }
    }
  }

  @Test
  void runsADeploymentThroughAReplicaSetToPods() throws Exception {
    V1Apps.Deployment d = client.deployments("default").create(Fixtures.deployment("web", 3, "nginx:1.25"));
    String hash = PodTemplateHash.of(Fixtures.template("nginx:1.25"), null);
    String rsName = "web-" + hash;
    await("3 pods", () -> pods().size() == 3 && replicaSet(rsName).isPresent());

    V1Apps.ReplicaSet rs = replicaSet(rsName).orElseThrow();
    assertEquals(3, rs.getSpec().getReplicas());
    assertEquals(hash, rs.getMetadata().getLabelsOrThrow(PodTemplateHash.LABEL));
    assertEquals(hash, rs.getSpec().getSelector().getMatchLabelsOrThrow(PodTemplateHash.LABEL));
    assertEquals(hash, rs.getSpec().getTemplate().getMetadata().getLabelsOrThrow(PodTemplateHash.LABEL));
    assertEquals("1", rs.getMetadata().getAnnotationsOrThrow("deployment.kubernetes.io/revision"));
    Meta.OwnerReference ref = rs.getMetadata().getOwnerReferences(0);
    assertEquals(List.of("apps/v1", "Deployment", "web", d.getMetadata().getUid()),
        List.of(ref.getApiVersion(), ref.getKind(), ref.getName(), ref.getUid()));
    assertTrue(ref.getController() && ref.getBlockOwnerDeletion());
    for (V1.Pod p : pods()) {
      assertEquals(hash, p.getMetadata().getLabelsOrThrow(PodTemplateHash.LABEL));
      assertTrue(p.getMetadata().getName().startsWith(rsName + "-"));
    }

    await("deployment status", () -> deployment().getStatus().getReplicas() == 3
        && deployment().getStatus().getUpdatedReplicas() == 3);
    assertEquals(1, deployment().getStatus().getObservedGeneration());
    assertEquals("False", condition("Available").orElseThrow().getStatus());
    assertEquals("1", deployment().getMetadata().getAnnotationsOrThrow("deployment.kubernetes.io/revision"));

    for (V1.Pod p : pods()) {
      Fixtures.markReady(client, p, clock.now(), "node1");
    }
    await("available", () -> deployment().getStatus().getAvailableReplicas() == 3
        && condition("Progressing").map(c -> c.getReason().equals("NewReplicaSetAvailable")).orElse(false));
    assertEquals("True", condition("Available").orElseThrow().getStatus());
    assertEquals("MinimumReplicasAvailable", condition("Available").orElseThrow().getReason());
    assertEquals("ReplicaSet \"" + rsName + "\" has successfully progressed.",
        condition("Progressing").orElseThrow().getMessage());
    assertEquals(3, deployment().getStatus().getReadyReplicas());

    assertTrue(manager.awaitEventsWritten(WAIT));
    await("events", () -> events("SuccessfulCreate").size() == 3);
    assertEquals(List.of("Scaled up replica set " + rsName + " from 0 to 3"), events("ScalingReplicaSet"));
  }

  @Test
  void scalesUpAndDown() throws Exception {
    client.deployments("default").create(Fixtures.deployment("web", 2, "nginx:1.25"));
    await("2 pods", () -> pods().size() == 2);
    String rsName = replicaSets().get(0).getMetadata().getName();

    update(s -> s.setReplicas(5));
    await("5 pods", () -> pods().size() == 5);
    update(s -> s.setReplicas(1));
    await("1 pod", () -> pods().size() == 1 && replicaSet(rsName).orElseThrow().getStatus().getReplicas() == 1);
    assertEquals(1, replicaSets().size());

    assertTrue(manager.awaitEventsWritten(WAIT));
    await("events", () -> events("ScalingReplicaSet").size() == 3);
    assertEquals(List.of("Scaled up replica set " + rsName + " from 0 to 2",
        "Scaled up replica set " + rsName + " from 2 to 5",
        "Scaled down replica set " + rsName + " from 5 to 1"), events("ScalingReplicaSet").stream().sorted(
            (a, b) -> Integer.compare(order(a), order(b))).toList());
    await("delete events", () -> events("SuccessfulDelete").size() == 4);
  }

  private static int order(String msg) {
    return msg.contains("from 0") ? 0 : msg.contains("from 2") ? 1 : 2;
  }

  @Test
  void aNewTemplateGetsANewReplicaSetAndTheOldOneIsScaledToZero() throws Exception {
    client.deployments("default").create(Fixtures.deployment("web", 3, "nginx:1.25"));
    await("3 pods", () -> pods().size() == 3);
    String oldName = replicaSets().get(0).getMetadata().getName();

    update(s -> s.setTemplate(Fixtures.template("nginx:1.27")));
    String newName = "web-" + PodTemplateHash.of(Fixtures.template("nginx:1.27"), null);
    assertNotEquals(oldName, newName);
    await("the new ReplicaSet's pods only", () -> pods().size() == 3 && pods().stream().allMatch(
        p -> p.getSpec().getContainers(0).getImage().equals("nginx:1.27")));
    assertEquals(0, replicaSet(oldName).orElseThrow().getSpec().getReplicas());
    V1Apps.ReplicaSet newRs = replicaSet(newName).orElseThrow();
    assertEquals(3, newRs.getSpec().getReplicas());
    assertEquals("2", newRs.getMetadata().getAnnotationsOrThrow("deployment.kubernetes.io/revision"));
    await("deployment revision", () -> "2".equals(
        deployment().getMetadata().getAnnotationsOrDefault("deployment.kubernetes.io/revision", "")));
    await("observed generation 2", () -> deployment().getStatus().getObservedGeneration() == 2
        && deployment().getStatus().getUpdatedReplicas() == 3);
  }

  @Test
  void aDeletedPodIsReplaced() throws Exception {
    client.deployments("default").create(Fixtures.deployment("web", 2, "nginx:1.25"));
    await("2 pods", () -> pods().size() == 2);
    String gone = pods().get(0).getMetadata().getName();
    client.pods("default").delete(gone);
    await("a replacement", () -> pods().size() == 2
        && pods().stream().noneMatch(p -> p.getMetadata().getName().equals(gone)));
  }
}
