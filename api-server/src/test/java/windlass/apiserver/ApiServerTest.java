package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.api.v1.APIResource;
import windlass.api.v1.PatchType;
import windlass.api.v1.ServerResourcesRequest;
import windlass.api.v1.VersionRequest;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.ObjectList;
import windlass.client.ResourceClient;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;
import windlass.client.WindlassClient;

/** The whole apiserver over in-process gRPC, used through the client library as components use it. */
class ApiServerTest {
  @TempDir
  Path dir;

  private ApiServer server;
  private WindlassClient client;
  private int generation;

  @BeforeEach
  void start() {
    startServer();
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  /** The server's configuration; the etcd variant of this test overrides it. */
  protected ApiServer.Config config() {
    return ApiServer.Config.of(dir);
  }

  private void startServer() {
    String name = "apiserver-" + System.identityHashCode(this) + "-" + (generation++);
    server = new ApiServer(config(), InProcessServerBuilder.forName(name).directExecutor());
    server.startAsync().awaitRunning();
    client = new WindlassClient(InProcessChannelBuilder.forName(name).directExecutor().build(), true);
  }

  private void stopServer() {
    client.close();
    server.stopAsync().awaitTerminated();
  }

  private static V1.Pod pod(String name, Map<String, String> labels) {
    return V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).putAllLabels(labels))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("app").setImage("nginx:1.27")))
        .build();
  }

  @Test
  void createGetListUpdateDeleteRoundTrip() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    V1.Pod created = pods.create(pod("web-0", Map.of("app", "web")));
    assertEquals("Pending", created.getStatus().getPhase());
    assertEquals("IfNotPresent", created.getSpec().getContainers(0).getImagePullPolicy());
    assertEquals(created, pods.get("web-0"));
    ObjectList<V1.Pod> list = pods.list(ListOptions.ALL.withLabelSelector("app=web"));
    assertEquals(List.of(created), list.items());
    assertEquals(created.getMetadata().getResourceVersion(), list.resourceVersion());
    V1.Pod.Builder b = created.toBuilder();
    b.getMetadataBuilder().putLabels("tier", "front");
    V1.Pod updated = pods.update(b.build());
    ApiException conflict = assertThrows(ApiException.class, () -> pods.update(b.build()));
    assertEquals(Code.ABORTED, conflict.code());
    assertEquals("Conflict", conflict.reason());
    pods.delete("web-0");
    ApiException gone = assertThrows(ApiException.class, () -> pods.get("web-0"));
    assertEquals(Code.NOT_FOUND, gone.code());
    assertEquals("pods \"web-0\" not found", gone.getMessage());
    assertEquals("front", updated.getMetadata().getLabelsOrThrow("tier"));
  }

  @Test
  void validationErrorsArriveWithUpstreamWordingAndCauses() {
    ApiException e = assertThrows(ApiException.class, () -> client.pods("default").create(pod("Web_1", Map.of())));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain "
        + "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
        + "alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", e.getMessage());
    assertEquals("metadata.name", e.causes().get(0).getField());
    assertEquals("FieldValueInvalid", e.causes().get(0).getReason());
  }

  @Test
  void watchResumesFromARevisionWithoutGaps() throws Exception {
    ResourceClient<V1.Pod> pods = client.pods("default");
    V1.Pod p = pods.create(pod("web", Map.of("app", "web")));
    String from = p.getMetadata().getResourceVersion();
    for (int i = 0; i < 10; i++) {
      V1.Pod.Builder b = pods.get("web").toBuilder();
      b.getMetadataBuilder().putLabels("round", "r" + i);
      pods.update(b.build());
    }
    Events events = new Events();
    try (Watch w = pods.watch(ListOptions.ALL.withResourceVersion(from), events)) {
      pods.create(pod("web-2", Map.of()));
      List<WatchEvent<V1.Pod>> got = events.take(11);
      long prev = Long.parseLong(from);
      for (int i = 0; i < 10; i++) {
        assertEquals(WatchEventType.MODIFIED, got.get(i).type());
        assertEquals("r" + i, got.get(i).object().getMetadata().getLabelsOrThrow("round"));
        long rv = Long.parseLong(got.get(i).object().getMetadata().getResourceVersion());
        assertEquals(prev + 1, rv);
        prev = rv;
      }
      assertEquals(WatchEventType.ADDED, got.get(10).type());
      assertEquals("web-2", got.get(10).object().getMetadata().getName());
    }
    // the watch cache's own storage watches stay; the client's watch (from the cache or storage) must go
    var b = server.registry().backend();
    java.util.function.IntSupplier watches = b instanceof windlass.apiserver.storage.SqliteBackend sb
        ? sb::watchCount : ((windlass.apiserver.storage.EtcdBackend) b)::watchCount;
    int caches = server.registry().kinds().size();
    var cached = server.registry().watchCaches();
    for (int i = 0; i < 500 && (watches.getAsInt() > caches || cached.watcherCount() > 0); i++) {
      Thread.sleep(10);
    }
    assertEquals(caches, watches.getAsInt(), "closing the client's watch ends the server's");
    assertEquals(0, cached.watcherCount(), "closing the client's watch ends the server's");
  }

  @Test
  void watchFromNothingStartsWithTheCurrentStateAndHonoursSelectors() throws Exception {
    ResourceClient<V1.Pod> pods = client.pods("default");
    pods.create(pod("a", Map.of("app", "web")));
    pods.create(pod("b", Map.of("app", "db")));
    Events events = new Events();
    try (Watch w = pods.watch(ListOptions.ALL.withLabelSelector("app=web"), events)) {
      WatchEvent<V1.Pod> first = events.take(1).get(0);
      assertEquals(WatchEventType.ADDED, first.type());
      assertEquals("a", first.object().getMetadata().getName());
      V1.Pod.Builder b = pods.get("a").toBuilder();
      b.getMetadataBuilder().putLabels("app", "other");
      pods.update(b.build());
      WatchEvent<V1.Pod> left = events.take(1).get(0);
      assertEquals(WatchEventType.DELETED, left.type(), "an object that stops matching is DELETED for the watcher");
      V1.Pod.Builder c = pods.get("b").toBuilder();
      c.getMetadataBuilder().putLabels("app", "web");
      pods.update(c.build());
      assertEquals(WatchEventType.ADDED, events.take(1).get(0).type());
    }
  }

  @Test
  void watchFromACompactedRevisionIsGone() throws Exception {
    ResourceClient<V1.Pod> pods = client.pods("default");
    V1.Pod p = pods.create(pod("web", Map.of()));
    pods.delete("web");
    long now = server.registry().backend().currentRevision();
    server.registry().backend().compact(now);
    Events events = new Events();
    pods.watch(ListOptions.ALL.withResourceVersion(p.getMetadata().getResourceVersion()), events);
    ApiException e = events.closed.poll(5, TimeUnit.SECONDS);
    assertNotNull(e);
    assertEquals(Code.OUT_OF_RANGE, e.code());
    assertEquals("too old resource version: " + p.getMetadata().getResourceVersion() + " (" + now + ")", e.getMessage());
  }

  @Test
  void aRestartKeepsEveryObjectAndTheRevisionGoesOn() {
    client.namespaces().create(V1.Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("team")).build());
    V1.Pod p = client.pods("team").create(pod("web", Map.of("app", "web")));
    stopServer();
    startServer();
    assertEquals(p, client.pods("team").get("web"));
    V1.Pod q = client.pods("team").create(pod("web-2", Map.of()));
    assertTrue(Long.parseLong(q.getMetadata().getResourceVersion()) > Long.parseLong(p.getMetadata().getResourceVersion()));
    assertEquals(5, client.namespaces().list().items().size());
  }

  @Test
  void bindingAssignsANodeOnce() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    pods.create(pod("web-1", Map.of()));
    V1.Binding binding = V1.Binding.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web-1"))
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("n1")).build();
    pods.createSubresource("web-1", "binding", binding);
    V1.Pod bound = pods.get("web-1");
    assertEquals("n1", bound.getSpec().getNodeName());
    assertEquals("PodScheduled", bound.getStatus().getConditions(0).getType());
    assertEquals("True", bound.getStatus().getConditions(0).getStatus());
    V1.Binding again = binding.toBuilder().setTarget(binding.getTarget().toBuilder().setName("n2")).build();
    ApiException e = assertThrows(ApiException.class, () -> pods.createSubresource("web-1", "binding", again));
    assertEquals(Code.ABORTED, e.code());
    assertEquals("Operation cannot be fulfilled on pods/binding \"web-1\": pod web-1 is already assigned to node "
        + "\"n1\"", e.getMessage());
  }

  @Test
  void boundPodsAreDeletedGracefullyUntilTheirKubeletConfirms() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    pods.create(pod("web", Map.of()));
    pods.createSubresource("web", "binding", V1.Binding.newBuilder()
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("n1")).build());
    V1.Pod terminating = pods.delete("web");
    assertTrue(terminating.getMetadata().hasDeletionTimestamp());
    assertEquals(30, terminating.getMetadata().getDeletionGracePeriodSeconds());
    assertEquals(terminating, pods.get("web"));
    pods.delete(windlass.api.v1.DeleteRequest.newBuilder().setName("web").setGracePeriodSeconds(0));
    assertEquals(Code.NOT_FOUND, assertThrows(ApiException.class, () -> pods.get("web")).code());
  }

  @Test
  void aForegroundDeleteMarksTheOwnerAndLeavesItsDependentsToTheCollector() {
    Map<String, String> labels = Map.of("app", "web");
    V1Apps.Deployment d = client.deployments("default").create(V1Apps.Deployment.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setSelector(Meta.LabelSelector.newBuilder().putAllMatchLabels(labels))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(ObjectMeta.newBuilder().putAllLabels(labels))
                .setSpec(pod("x", labels).getSpec())))
        .build());
    V1Apps.ReplicaSet rs = client.replicaSets("default").create(V1Apps.ReplicaSet.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web-5d4f").addOwnerReferences(owner("apps/v1", "Deployment",
            d.getMetadata())))
        .setSpec(V1Apps.ReplicaSetSpec.newBuilder().setSelector(d.getSpec().getSelector())
            .setTemplate(d.getSpec().getTemplate()))
        .build());
    for (String n : List.of("web-5d4f-a", "web-5d4f-b")) {
      V1.Pod p = pod(n, labels);
      client.pods("default").create(p.toBuilder().setMetadata(p.getMetadata().toBuilder()
          .addOwnerReferences(owner("apps/v1", "ReplicaSet", rs.getMetadata()))).build());
    }
    client.pods("default").create(pod("unowned", labels));
    V1Apps.Deployment marked = client.deployments("default").delete(windlass.api.v1.DeleteRequest.newBuilder()
        .setName("web").setPropagationPolicy("Foreground"));
    assertEquals(List.of("foregroundDeletion"), marked.getMetadata().getFinalizersList());
    assertTrue(marked.getMetadata().hasDeletionTimestamp());
    assertEquals(1, client.replicaSets("default").list().items().size(), "dependents are the collector's");
    assertEquals(3, client.pods("default").list().items().size());
  }

  @Test
  void mergePatchChangesOnlyWhatItNames() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    pods.create(pod("web", Map.of("app", "web", "tier", "front")));
    V1.Pod patched = pods.patch("web", PatchType.MERGE_PATCH,
        "{\"metadata\":{\"labels\":{\"tier\":null,\"track\":\"canary\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}");
    assertEquals(Map.of("app", "web", "track", "canary"), patched.getMetadata().getLabelsMap());
    assertEquals("nginx:1.28", patched.getSpec().getContainers(0).getImage());
    V1.Pod strategic = pods.patch("web", PatchType.STRATEGIC_MERGE_PATCH,
        "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.29\"}]}}");
    assertEquals("nginx:1.29", strategic.getSpec().getContainers(0).getImage());
  }

  @Test
  void discoveryListsTheServedKinds() {
    List<APIResource> rs = client.discovery().serverResources(ServerResourcesRequest.getDefaultInstance())
        .getResourcesList();
    APIResource deployments = rs.stream().filter(r -> r.getResource().equals("deployments")).findFirst().orElseThrow();
    assertEquals("apps", deployments.getGroup());
    assertEquals(List.of("deploy"), deployments.getShortNamesList());
    assertTrue(deployments.getVerbsList().contains("watch"));
    APIResource pods = rs.stream().filter(r -> r.getResource().equals("pods")).findFirst().orElseThrow();
    assertTrue(pods.getSubresourcesList().contains("binding"));
    assertEquals("v1.32.0", client.discovery().version(VersionRequest.getDefaultInstance()).getGitVersion());
  }

  private static Meta.OwnerReference owner(String apiVersion, String kind, ObjectMeta m) {
    return Meta.OwnerReference.newBuilder().setApiVersion(apiVersion).setKind(kind).setName(m.getName())
        .setUid(m.getUid()).setController(true).build();
  }

  /** A watcher the test thread reads from. */
  static final class Events implements Watcher<V1.Pod> {
    final BlockingQueue<WatchEvent<V1.Pod>> events = new LinkedBlockingQueue<>();
    final BlockingQueue<ApiException> closed = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(WatchEvent<V1.Pod> e) {
      events.add(e);
    }

    @Override
    public void onClose(ApiException error) {
      if (error != null) {
        closed.add(error);
      }
    }

    List<WatchEvent<V1.Pod>> take(int n) throws InterruptedException {
      List<WatchEvent<V1.Pod>> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        WatchEvent<V1.Pod> e = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(e, "event " + (i + 1) + " of " + n + " did not arrive; got " + out);
        out.add(e);
      }
      return out;
    }
  }
}
