package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.Objects.namespace;
import static windlass.apiserver.registry.Objects.pod;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.storage.SqliteBackend;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;

/**
 * Over a backend whose watches cannot answer progress requests (an etcd before 3.4.31 or 3.5.13), consistent reads
 * come from storage when the cache is behind, and cache watches get bookmarks at the cache's own revision.
 */
class NoProgressBackendTest {
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
    backend.noProgress();
    registry = new Registry(backend, Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC),
        new Random(42), Duration.ofMillis(50));
    registry.ensureSystemNamespaces();
  }

  @AfterEach
  void stop() {
    backend.release();
    registry.close();
    sqlite.close();
  }

  @Test
  void consistentReadsSeeEveryWriteWhileThePodsCacheLags() {
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
  void cacheWatchBookmarksCarryTheCachesRevision() throws Exception {
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
