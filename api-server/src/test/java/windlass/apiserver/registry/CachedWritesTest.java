package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.Objects.namespace;
import static windlass.apiserver.registry.Objects.pod;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.storage.SqliteBackend;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;

/**
 * Writes that start from the watch caches (binding's cached copy, updates, admission's namespace and ServiceAccount
 * reads) stay exact when a cache lags behind storage, and creates in namespaces without quotas do not wait for each
 * other. Over a backend that cannot answer progress (an etcd before 3.4.31 or 3.5.13), consistent reads come from
 * storage when the cache is behind, and cache watches get bookmarks at the cache's own revision.
 */
class CachedWritesTest {
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final String PODS = "/registry/pods/";

  @TempDir
  Path dir;

  private SqliteBackend sqlite;
  private HoldingBackend backend;
  private Registry registry;

  @BeforeEach
  void start() {
    sqlite = SqliteBackend.open(dir.resolve("state.db"));
    backend = new HoldingBackend(sqlite);
    registry = new Registry(backend, Clock.fixed(NOW, ZoneOffset.UTC), new Random(42), Duration.ofMillis(50));
    registry.ensureSystemNamespaces();
  }

  @AfterEach
  void stop() {
    backend.release();
    registry.close();
    sqlite.close();
  }

  private static V1.Binding binding(String pod, String node) {
    return V1.Binding.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(pod))
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName(node)).build();
  }

  private V1.Pod stored(String ns, String name) {
    return (V1.Pod) registry.get(Kinds.POD, ns, name);
  }

  /** A consistent list waits until the pods cache holds every write so far. */
  private void podsCacheCaughtUp() {
    registry.list(Kinds.POD, ListQuery.all("default"));
  }

  @Test
  void theCacheAnswersPointReadsByExactKeyOnly() {
    registry.create(Kinds.POD, "default", pod("p10", "nginx"), false);
    podsCacheCaughtUp();
    var cache = registry.store(Kinds.POD).watchCache();
    assertEquals(null, cache.get(PODS + "default/p1"), "a longer name under the same prefix is another object");
    assertEquals("p10", ((V1.Pod) cache.get(PODS + "default/p10")).getMetadata().getName());
  }

  @Test
  void aBindingStartedFromAStaleCachedPodRetriesOnStorageAndKeepsTheNewerChange() {
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    V1.Pod cur = stored("default", "p");
    registry.update(Kinds.POD, "default", cur.toBuilder()
        .setMetadata(cur.getMetadata().toBuilder().putLabels("seen", "yes")).build(), false);

    registry.bind("default", "p", binding("p", "n1"), false);

    V1.Pod now = stored("default", "p");
    assertEquals("n1", now.getSpec().getNodeName());
    assertEquals("yes", now.getMetadata().getLabelsOrThrow("seen"), "the update the cache had not seen is kept");
  }

  @Test
  void aSecondBindingIsRefusedEvenWhenTheCachedPodStillLooksUnassigned() {
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    registry.bind("default", "p", binding("p", "n1"), false);

    ApiException e = RegistryTestBase.fails(() -> registry.bind("default", "p", binding("p", "n2"), false));

    assertEquals(Code.ABORTED, e.code());
    assertEquals("Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to node \"n1\"",
        e.getMessage());
    assertEquals("n1", stored("default", "p").getSpec().getNodeName());
  }

  private V1.Pod labelled(V1.Pod p, String key, String value, String resourceVersion) {
    return p.toBuilder().setMetadata(p.getMetadata().toBuilder().putLabels(key, value)
        .setResourceVersion(resourceVersion)).build();
  }

  @Test
  void anUpdateStartsFromTheCachedCopyWithoutReadingStorage() {
    V1.Pod created = (V1.Pod) registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    int before = backend.gets.get();

    V1.Pod updated = (V1.Pod) registry.update(Kinds.POD, "default", labelled(created, "a", "1",
        created.getMetadata().getResourceVersion()), false);

    assertEquals(before, backend.gets.get(), "no storage read");
    assertEquals("1", stored("default", "p").getMetadata().getLabelsOrThrow("a"));
    assertEquals(updated.getMetadata().getResourceVersion(), stored("default", "p").getMetadata().getResourceVersion());
  }

  @Test
  void anUnconditionalUpdateFromAStaleCachedCopyKeepsTheStatusWrittenMeanwhile() {
    V1.Pod created = (V1.Pod) registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    registry.updateStatus(Kinds.POD, "default", created.toBuilder()
        .setStatus(created.getStatus().toBuilder().setPhase("Running")).build(), false);

    registry.update(Kinds.POD, "default", labelled(created, "a", "1", ""), false);

    V1.Pod now = stored("default", "p");
    assertEquals("1", now.getMetadata().getLabelsOrThrow("a"));
    assertEquals("Running", now.getStatus().getPhase(), "update keeps the stored status, not the cached one");
  }

  @Test
  void anUpdateAtTheRevisionTheCacheStillHoldsConflictsOnceStorageMovedOn() {
    V1.Pod created = (V1.Pod) registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    registry.update(Kinds.POD, "default", labelled(created, "b", "2", ""), false);

    ApiException e = RegistryTestBase.fails(() -> registry.update(Kinds.POD, "default",
        labelled(created, "a", "1", created.getMetadata().getResourceVersion()), false));

    assertEquals(Code.ABORTED, e.code());
    assertEquals("Operation cannot be fulfilled on pods \"p\": the object has been modified; please apply your "
        + "changes to the latest version and try again", e.getMessage());
    assertEquals("2", stored("default", "p").getMetadata().getLabelsOrThrow("b"));
  }

  @Test
  void anUpdateInvalidOnlyAgainstAStaleCachedCopyIsDecidedOnStorage() {
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    registry.bind("default", "p", binding("p", "n1"), false);
    V1.Pod bound = stored("default", "p");

    registry.update(Kinds.POD, "default", labelled(bound, "a", "1", ""), false);

    assertEquals("1", stored("default", "p").getMetadata().getLabelsOrThrow("a"));
    assertEquals("n1", stored("default", "p").getSpec().getNodeName());
  }

  @Test
  void aPodRecreatedBehindACachedAssignedCopyCanBeBound() {
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    registry.bind("default", "p", binding("p", "n1"), false);
    podsCacheCaughtUp();
    backend.hold(PODS);
    registry.delete(Kinds.POD, "default", "p", DeleteOptions.now());
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);

    registry.bind("default", "p", binding("p", "n2"), false);

    assertEquals("n2", stored("default", "p").getSpec().getNodeName());
  }

  @Test
  void admissionSeesANamespaceTerminatingBeforeItsCacheDoes() {
    registry.create(Kinds.NAMESPACE, "", namespace("doomed"), false);
    registry.create(Kinds.POD, "doomed", pod("running", "nginx"), false);
    registry.bind("doomed", "running", binding("running", "n1"), false); // graceful: keeps the namespace terminating
    backend.hold("/registry/namespaces/");
    registry.delete(Kinds.NAMESPACE, "", "doomed", DeleteOptions.DEFAULT);

    ApiException e = RegistryTestBase.fails(() -> registry.create(Kinds.POD, "doomed", pod("late", "nginx"), false));

    assertEquals(Code.PERMISSION_DENIED, e.code());
    assertEquals("pods \"late\" is forbidden: unable to create new content in namespace doomed because it is being "
        + "terminated", e.getMessage());
  }

  @Test
  void aPodGetsTheImagePullSecretsOfItsServiceAccountAsStoredNotAsCached() {
    backend.hold("/registry/serviceaccounts/");
    V1.ServiceAccount sa = (V1.ServiceAccount) registry.get(Kinds.SERVICE_ACCOUNT, "default", "default");
    registry.update(Kinds.SERVICE_ACCOUNT, "default", sa.toBuilder()
        .addImagePullSecrets(V1.LocalObjectReference.newBuilder().setName("registry-key")).build(), false);

    Message created = registry.create(Kinds.POD, "default", pod("p", "nginx"), false);

    assertEquals("registry-key", ((V1.Pod) created).getSpec().getImagePullSecrets(0).getName());
  }

  @Test
  void aCreateInANamespaceWithoutQuotasDoesNotWaitForOneInAnother() throws Exception {
    registry.create(Kinds.NAMESPACE, "", namespace("slow"), false);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = backend.blockCreates(PODS + "slow/", entered);
    CompletableFuture<Message> slow = CompletableFuture.supplyAsync(
        () -> registry.create(Kinds.POD, "slow", pod("a", "nginx"), false));
    try {
      entered.await();
      CompletableFuture<Message> other = CompletableFuture.supplyAsync(
          () -> registry.create(Kinds.POD, "default", pod("b", "nginx"), false));
      assertEquals("b", ((V1.Pod) other.get(60, TimeUnit.SECONDS)).getMetadata().getName(),
          "created while the other create waits inside storage");
    } finally {
      release.countDown();
    }
    assertEquals("a", ((V1.Pod) slow.get(60, TimeUnit.SECONDS)).getMetadata().getName());
  }

  @Test
  void withoutProgressFromTheBackendConsistentReadsSeeEveryWriteWhileThePodsCacheLags() {
    backend.noProgress();
    registry.create(Kinds.POD, "default", pod("p", "nginx"), false);
    registry.list(Kinds.POD, ListQuery.all("default"));
    backend.hold(PODS);
    V1.Pod cur = (V1.Pod) registry.get(Kinds.POD, "default", "p");
    registry.update(Kinds.POD, "default", cur.toBuilder()
        .setMetadata(cur.getMetadata().toBuilder().putLabels("seen", "yes")).build(), false);

    V1.Pod listed = (V1.Pod) registry.list(Kinds.POD, ListQuery.all("default")).items().get(0);
    assertEquals("yes", listed.getMetadata().getLabelsOrDefault("seen", "(missing)"));
    V1.Pod found = (V1.Pod) registry.store(Kinds.POD).findCurrent("default", "p").orElseThrow();
    assertEquals("yes", found.getMetadata().getLabelsOrDefault("seen", "(missing)"));
  }

  @Test
  void withoutProgressFromTheBackendCacheWatchBookmarksCarryTheCachesRevision() throws Exception {
    backend.noProgress();
    long podWritten = Long.parseLong(ObjectMetas.of(
        registry.create(Kinds.POD, "default", pod("web", "nginx"), false)).getResourceVersion());
    registry.create(Kinds.NAMESPACE, "", namespace("later"), false);
    WatchTest.Recorder rec = new WatchTest.Recorder();
    ListQuery fromCache = ListQuery.all("default").withResourceVersion("0").withBookmarks(true);
    try (RegistryWatch w = registry.watch(Kinds.POD, fromCache, rec)) {
      assertEquals(WatchEventType.ADDED, rec.next().type());
      w.requestBookmark();
      WatchEvent<Message> bookmark = rec.next();
      assertEquals(WatchEventType.BOOKMARK, bookmark.type());
      assertEquals(Long.toString(podWritten), ObjectMetas.of(bookmark.object()).getResourceVersion(),
          "the pods cache has seen up to the pod; the namespace written later is not the pods cache's to vouch for");
    }
  }
}
