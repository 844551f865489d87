package windlass.controllers.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.ObjectKey;
import windlass.client.WindlassClient;
import windlass.client.controller.ControllerRunner;
import windlass.client.controller.Result;
import windlass.client.events.EventRecorder;
import windlass.client.informer.SharedInformer;
import windlass.client.testing.FakeApiServer;
import windlass.controllers.testing.Fixtures;

/** Drives reconcile(key) by hand (no worker threads), so each pass is observable. */
class ReplicaSetControllerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeClock clock = new FakeClock();
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private final ObjectKey key = new ObjectKey("default", "web");
  private SharedInformer<V1Apps.ReplicaSet> replicaSets;
  private SharedInformer<V1.Pod> pods;
  private EventRecorder recorder;
  private ReplicaSetController controller;

  @BeforeEach
  void setUp() throws Exception {
    replicaSets = new SharedInformer<>(client.replicaSets(""), clock);
    pods = new SharedInformer<>(client.pods(""), clock);
    recorder = new EventRecorder(client, ReplicaSetController.NAME, "", clock);
    controller = new ReplicaSetController(client, replicaSets, pods, new PodControl(client, recorder), clock);
    // Handlers observe expectations; the runner is never started, its queue just collects keys.
    controller.register(new ControllerRunner(ReplicaSetController.NAME, controller, clock, 1, List.of()));
    replicaSets.start();
    pods.start();
    assertTrue(replicaSets.awaitSynced(WAIT) && pods.awaitSynced(WAIT));
  }

  @AfterEach
  void tearDown() {
    replicaSets.close();
    pods.close();
    recorder.close();
    server.close();
  }

  /** One pass, then waits until the informer shows what the pass wrote, as a worker would see it next time. */
  private Result reconcile() throws Exception {
    Result r = controller.reconcile(key);
    server.awaitOrFail(WAIT, "the informer to catch up with the ReplicaSet", () -> {
      var cached = replicaSets.lister().get(key);
      var stored = server.<V1Apps.ReplicaSet>object(Kinds.REPLICA_SET, "default", "web");
      return cached.isPresent() && stored.isPresent() && cached.get().getMetadata().getResourceVersion()
          .equals(stored.get().getMetadata().getResourceVersion());
    });
    return r;
  }

  private List<V1.Pod> serverPods() {
    return server.objects(Kinds.POD, "default");
  }

  private void awaitCached(int podCount) throws InterruptedException {
    server.awaitOrFail(WAIT, podCount + " pods in the informer and handled",
        () -> pods.lister().list().size() == podCount && pods.handlersIdle());
  }

  private V1Apps.ReplicaSet createRs(int replicas) throws InterruptedException {
    V1Apps.ReplicaSet rs = client.replicaSets("default").create(Fixtures.replicaSet("web", replicas));
    server.awaitOrFail(WAIT, "rs in the informer", () -> replicaSets.lister().get(key).isPresent());
    return rs;
  }

  private void scaleTo(int replicas) throws InterruptedException {
    V1Apps.ReplicaSet rs = client.replicaSets("default").get("web");
    client.replicaSets("default").update(rs.toBuilder().setSpec(rs.getSpec().toBuilder().setReplicas(replicas))
        .build());
    server.awaitOrFail(WAIT, "scaled rs in the informer",
        () -> replicaSets.lister().get(key).orElseThrow().getSpec().getReplicas() == replicas);
  }

  @Test
  void createsMissingPodsFromTheTemplateOwnedByTheReplicaSet() throws Exception {
    V1Apps.ReplicaSet rs = createRs(3);
    reconcile();
    List<V1.Pod> created = serverPods();
    assertEquals(3, created.size());
    for (V1.Pod p : created) {
      assertTrue(p.getMetadata().getName().startsWith("web-"));
      assertEquals("web-", p.getMetadata().getGenerateName());
      assertEquals("web", p.getMetadata().getLabelsOrThrow("app"));
      assertEquals("nginx:1.25", p.getSpec().getContainers(0).getImage());
      Meta.OwnerReference ref = p.getMetadata().getOwnerReferences(0);
      assertEquals("apps/v1", ref.getApiVersion());
      assertEquals("ReplicaSet", ref.getKind());
      assertEquals("web", ref.getName());
      assertEquals(rs.getMetadata().getUid(), ref.getUid());
      assertTrue(ref.getController() && ref.getBlockOwnerDeletion());
    }
    assertTrue(recorder.awaitIdle(WAIT));
    List<String> messages = server.<V1.Event>objects(Kinds.EVENT, "default").stream()
        .filter(e -> e.getReason().equals("SuccessfulCreate")).map(V1.Event::getMessage).sorted().toList();
    assertEquals(created.stream().map(p -> "Created pod: " + p.getMetadata().getName()).sorted().toList(), messages);

    awaitCached(3);
    reconcile();
    V1Apps.ReplicaSetStatus st = server.<V1Apps.ReplicaSet>object(Kinds.REPLICA_SET, "default", "web")
        .orElseThrow().getStatus();
    assertEquals(3, st.getReplicas());
    assertEquals(3, st.getFullyLabeledReplicas());
    assertEquals(0, st.getReadyReplicas());
    assertEquals(1, st.getObservedGeneration());
    assertEquals(3, serverPods().size(), "a second pass creates nothing");
  }

  @Test
  void neverOverCreatesWhileThePodInformerLags() throws Exception {
    server.pauseWatches(Kinds.POD);
    createRs(3);
    reconcile();
    assertEquals(3, serverPods().size());
    assertEquals(0, pods.lister().list().size(), "the informer has not seen them");
    reconcile();
    reconcile();
    assertEquals(3, serverPods().size(), "expectations hold the controller back");
    assertEquals(3, server.actions("create", Kinds.POD).size());

    server.resumeWatches(Kinds.POD);
    awaitCached(3);
    assertTrue(controller.expectations().satisfied(key.toString()));
    reconcile();
    assertEquals(3, serverPods().size());
  }

  @Test
  void scalesDownDeletingUnscheduledAndNotReadyPodsFirst() throws Exception {
    createRs(3);
    reconcile();
    awaitCached(3);
    V1.Pod keeper = serverPods().get(1);
    Fixtures.markReady(client, keeper, clock.now(), "node1");
    server.awaitOrFail(WAIT, "ready pod cached", () -> pods.lister().get("default", keeper.getMetadata().getName())
        .map(p -> !p.getSpec().getNodeName().isEmpty() && p.getStatus().getConditionsCount() > 0).orElse(false));

    scaleTo(1);
    reconcile();
    assertEquals(List.of(keeper.getMetadata().getName()),
        serverPods().stream().map(p -> p.getMetadata().getName()).toList());
    assertTrue(recorder.awaitIdle(WAIT));
    assertEquals(2, server.<V1.Event>objects(Kinds.EVENT, "default").stream()
        .filter(e -> e.getReason().equals("SuccessfulDelete") && e.getMessage().startsWith("Deleted pod: web-"))
        .count());

    reconcile();
    assertEquals(1, serverPods().size(), "deletions not yet observed are not repeated");
  }

  @Test
  void recreatesADeletedPod() throws Exception {
    createRs(2);
    reconcile();
    awaitCached(2);
    client.pods("default").delete(serverPods().get(0).getMetadata().getName());
    awaitCached(1);
    reconcile();
    assertEquals(2, serverPods().size());
  }

  @Test
  void countsAPodAvailableOnlyAfterMinReadySeconds() throws Exception {
    V1Apps.ReplicaSet rs = Fixtures.replicaSet("web", 1);
    client.replicaSets("default").create(rs.toBuilder().setSpec(rs.getSpec().toBuilder().setMinReadySeconds(10))
        .build());
    server.awaitOrFail(WAIT, "rs cached", () -> replicaSets.lister().get(key).isPresent());
    reconcile();
    awaitCached(1);
    Fixtures.markReady(client, serverPods().get(0), clock.now(), null);
    server.awaitOrFail(WAIT, "ready cached", () -> pods.lister().list().get(0).getStatus().getConditionsCount() > 0);

    Result r = reconcile();
    V1Apps.ReplicaSetStatus st = server.<V1Apps.ReplicaSet>object(Kinds.REPLICA_SET, "default", "web").orElseThrow()
        .getStatus();
    assertEquals(1, st.getReadyReplicas());
    assertEquals(0, st.getAvailableReplicas());
    assertEquals(Duration.ofSeconds(10), r.requeueAfter());

    clock.advance(Duration.ofSeconds(10));
    server.awaitOrFail(WAIT, "rs status cached", () -> replicaSets.lister().get(key).orElseThrow().getStatus()
        .getReadyReplicas() == 1);
    reconcile();
    assertEquals(1, server.<V1Apps.ReplicaSet>object(Kinds.REPLICA_SET, "default", "web").orElseThrow().getStatus()
        .getAvailableReplicas());
  }

  @Test
  void aFailedCreateIsReportedAndRetried() throws Exception {
    createRs(2);
    server.failNext("create", Kinds.POD, windlass.client.ApiException.internal("quota exceeded"));
    try {
      reconcile();
    } catch (windlass.client.ApiException expected) {
      assertEquals("quota exceeded", expected.getMessage());
    }
    assertEquals(0, serverPods().size(), "the slow start stops at the failed first batch");
    assertTrue(controller.expectations().satisfied(key.toString()), "a failed create is not waited for");
    V1Apps.ReplicaSetStatus st = server.<V1Apps.ReplicaSet>object(Kinds.REPLICA_SET, "default", "web").orElseThrow()
        .getStatus();
    assertEquals("ReplicaFailure", st.getConditions(0).getType());
    assertEquals("FailedCreate", st.getConditions(0).getReason());
    server.awaitOrFail(WAIT, "rs status cached",
        () -> replicaSets.lister().get(key).orElseThrow().getStatus().getConditionsCount() == 1);
    reconcile();
    assertEquals(2, serverPods().size());
  }
}
