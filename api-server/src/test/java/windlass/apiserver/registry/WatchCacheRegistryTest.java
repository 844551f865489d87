package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static windlass.apiserver.registry.Objects.pod;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import windlass.api.v1.WatchEventType;
import windlass.apiserver.cache.WatchCacheConfig;
import windlass.apiserver.registry.WatchTest.Recorder;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WatchEvent;

/** The registry with its watch caches (on by default): what is served from memory, and what still reads storage. */
class WatchCacheRegistryTest extends RegistryTestBase {
  private static String name(WatchEvent<Message> e) {
    return ObjectMetas.of(e.object()).getName();
  }

  private Registry registryWith(WatchCacheConfig config) {
    Registry r = new Registry(backend, Clock.fixed(NOW, ZoneOffset.UTC), new Random(7), Duration.ofMillis(50), config);
    return r;
  }

  @Test
  void listsAndWatchesAreServedByTheKindsCacheAndSeeEveryAcknowledgedWrite() throws Exception {
    var cache = registry.store(Kinds.POD).watchCache();
    assertNotNull(cache);
    registry.create(Kinds.POD, "default", pod("a", "nginx"), false);
    List<Message> now = registry.list(Kinds.POD, ListQuery.all("default")).items();
    assertEquals(1, now.size(), "a consistent list (resourceVersion \"\") waits for the cache to catch up");
    registry.create(Kinds.NAMESPACE, "", Objects.namespace("other"), false);
    var list = registry.list(Kinds.POD, ListQuery.all("").withResourceVersion(""));
    assertEquals(Long.toString(backend.currentRevision()), list.resourceVersion(),
        "the list's revision includes writes to other kinds");
    assertEquals(1, registry.list(Kinds.POD, ListQuery.all("").withResourceVersion("0")).items().size());
    Recorder rec = new Recorder();
    try (RegistryWatch w = registry.watch(Kinds.POD, ListQuery.all("default"), rec)) {
      assertEquals(WatchEventType.ADDED, rec.next().type());
      assertEquals(1, cache.watcherCount(), "the watch is one of the cache's");
    }
    assertEquals(0, cache.watcherCount());
  }

  @Test
  void pagedListsStillReadStorage() {
    for (String n : List.of("a", "b", "c")) {
      registry.create(Kinds.POD, "default", pod(n, "nginx"), false);
    }
    var page = registry.list(Kinds.POD, ListQuery.all("default").withLimit(2, ""));
    assertEquals(2, page.items().size());
    var rest = registry.list(Kinds.POD, ListQuery.all("default").withLimit(2, page.continueToken()));
    assertEquals(1, rest.items().size());
    assertEquals(3, registry.list(Kinds.POD, ListQuery.all("default")).items().size(), "caught up");
    assertEquals(3, registry.list(Kinds.POD, ListQuery.all("default").withLimit(2, "").withResourceVersion("0"))
        .items().size(), "resourceVersion \"0\" is answered from the cache, which ignores the limit (as upstream)");
  }

  @Test
  void selectorsFilterTheSharedEventsPerWatcher() throws Exception {
    Recorder byLabel = new Recorder();
    Recorder byField = new Recorder();
    try (RegistryWatch l = registry.watch(Kinds.POD, ListQuery.all("default").withLabelSelector("app=web"), byLabel);
        RegistryWatch f = registry.watch(Kinds.POD, ListQuery.all("").withFieldSelector("spec.nodeName=n1"),
            byField)) {
      assertEquals(2, registry.store(Kinds.POD).watchCache().watcherCount());
      registry.create(Kinds.POD, "default", pod("web", Map.of("app", "web")), false);
      registry.create(Kinds.POD, "default", pod("db", Map.of("app", "db")), false);
      registry.store(Kinds.POD).mutate("default", "db", m -> {
        V1.Pod.Builder b = ((V1.Pod) m).toBuilder();
        b.getSpecBuilder().setNodeName("n1");
        b.getMetadataBuilder().putLabels("app", "web");
        return b.build();
      });
      registry.store(Kinds.POD).mutate("default", "web", m -> {
        V1.Pod.Builder b = ((V1.Pod) m).toBuilder();
        b.getMetadataBuilder().putLabels("app", "other");
        return b.build();
      });
      WatchEvent<Message> e1 = byLabel.next();
      assertEquals(List.of(WatchEventType.ADDED, "web"), List.of(e1.type(), name(e1)));
      WatchEvent<Message> e2 = byLabel.next();
      assertEquals(List.of(WatchEventType.ADDED, "db"), List.of(e2.type(), name(e2)), "db starts matching");
      WatchEvent<Message> e3 = byLabel.next();
      assertEquals(List.of(WatchEventType.DELETED, "web"), List.of(e3.type(), name(e3)), "web stops matching");
      WatchEvent<Message> f1 = byField.next();
      assertEquals(List.of(WatchEventType.ADDED, "db"), List.of(f1.type(), name(f1)));
      assertNull(byField.events.poll(100, TimeUnit.MILLISECONDS), "web never ran on n1");
    }
  }

  @Test
  void aWatchFromBeforeTheWindowIsServedByStorageUntilStorageCompactsIt() throws Exception {
    registry.close();
    registry = registryWith(new WatchCacheConfig(true, 1 << 20, 2, 2, 100));
    Message p = registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    for (int i = 0; i < 5; i++) {
      final int n = i;
      registry.store(Kinds.POD).mutate("default", "web", m -> {
        V1.Pod.Builder b = ((V1.Pod) m).toBuilder();
        b.getMetadataBuilder().putLabels("round", "r" + n);
        return b.build();
      });
    }
    String from = ObjectMetas.of(p).getResourceVersion();
    Recorder rec = new Recorder();
    try (RegistryWatch w = registry.watch(Kinds.POD, ListQuery.all("default").withResourceVersion(from), rec)) {
      for (int i = 0; i < 5; i++) {
        WatchEvent<Message> e = rec.next();
        assertEquals(WatchEventType.MODIFIED, e.type());
        assertEquals("r" + i, ObjectMetas.of(e.object()).getLabelsOrThrow("round"));
      }
      assertEquals(0, registry.store(Kinds.POD).watchCache().watcherCount(), "served by storage");
    }
    long now = backend.currentRevision();
    backend.compact(now);
    ApiException gone = fails(() -> registry.watch(Kinds.POD, ListQuery.all("default").withResourceVersion(from),
        new Recorder()));
    assertEquals(Code.OUT_OF_RANGE, gone.code());
    assertEquals("too old resource version: " + from + " (" + now + ")", gone.getMessage());
  }

  @Test
  void withTheCacheOffEveryReadGoesToStorage() throws Exception {
    registry.close();
    registry = registryWith(WatchCacheConfig.disabled());
    assertNull(registry.watchCaches());
    assertNull(registry.store(Kinds.POD).watchCache());
    registry.create(Kinds.POD, "default", pod("a", "nginx"), false);
    assertEquals(1, registry.list(Kinds.POD, ListQuery.all("default")).items().size());
    Recorder rec = new Recorder();
    try (RegistryWatch w = registry.watch(Kinds.POD, ListQuery.all("default"), rec)) {
      assertEquals(WatchEventType.ADDED, rec.next().type());
    }
  }
}
