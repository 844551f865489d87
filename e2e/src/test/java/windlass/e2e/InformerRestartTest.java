package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.ApiServer;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.storage.SqliteBackend;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.ObjectMetas;
import windlass.client.WindlassClient;
import windlass.client.informer.ResourceEventHandler;
import windlass.client.informer.SharedInformer;

/**
 * The client's informer against the real apiserver (SQLite, in-process gRPC): it survives an apiserver restart during
 * which objects were added, changed and deleted and the history was compacted past the informer's resourceVersion,
 * so it must relist; the relist's difference reports every change, deletes included, and the watch then goes on.
 */
class InformerRestartTest {
  @TempDir
  Path dataDir;

  private final String name = "informer-restart-" + UUID.randomUUID();
  private ApiServer apiServer;
  private WindlassClient client;
  private SharedInformer<V1.Pod> informer;
  private final Object changed = new Object();

  private void startApiServer() throws Exception {
    apiServer = new ApiServer(ApiServer.Config.of(dataDir), InProcessServerBuilder.forName(name));
    apiServer.startAsync().awaitRunning(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (informer != null) {
      informer.close();
    }
    if (client != null) {
      client.close();
    }
    if (apiServer != null) {
      apiServer.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    }
  }

  private static V1.Pod pod(String name, String version) {
    return V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default").putLabels("v", version))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("nginx")))
        .build();
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (changed) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what);
        }
        changed.wait(Math.max(1, Math.min(100, left / 1_000_000)));
      }
    }
  }

  /** name → label v, as the informer's cache holds them. */
  private Map<String, String> cached() {
    Map<String, String> m = new TreeMap<>();
    informer.lister().list().forEach(p -> m.put(p.getMetadata().getName(), p.getMetadata().getLabelsOrThrow("v")));
    return m;
  }

  @Test
  void survivesARestartAndACompactionWithoutLosingAnEvent() throws Exception {
    startApiServer();
    client = new WindlassClient(InProcessChannelBuilder.forName(name).build(), true);
    client.pods("default").create(pod("keep", "1"));
    client.pods("default").create(pod("change", "1"));
    client.pods("default").create(pod("gone", "1"));

    List<String> seen = new CopyOnWriteArrayList<>();
    informer = new SharedInformer<>(client.pods(""), Clock.system());
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1.Pod p) {
        record("add " + p.getMetadata().getName());
      }

      @Override
      public void onUpdate(V1.Pod o, V1.Pod n) {
        record("update " + n.getMetadata().getName() + " v" + n.getMetadata().getLabelsOrThrow("v"));
      }

      @Override
      public void onDelete(V1.Pod p) {
        record("delete " + p.getMetadata().getName());
      }

      private void record(String s) {
        seen.add(s);
        synchronized (changed) {
          changed.notifyAll();
        }
      }
    });
    informer.start();
    assertTrue(informer.awaitSynced(Duration.ofSeconds(30)));
    await("the first list", () -> seen.size() == 3);
    String before = informer.lastResourceVersion();

    // The apiserver goes away; while it is down its state changes and the history is compacted.
    apiServer.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    long compactedTo;
    try (SqliteBackend backend = SqliteBackend.open(dataDir.resolve("state.db"))) {
      Registry offline = new Registry(backend, java.time.Clock.system(ZoneOffset.UTC), new Random(1),
          Duration.ofMinutes(1));
      V1.Pod change = (V1.Pod) offline.get(Kinds.POD, "default", "change");
      offline.update(Kinds.POD, "default", change.toBuilder()
          .setMetadata(change.getMetadata().toBuilder().putLabels("v", "2")).build(), false);
      offline.delete(Kinds.POD, "default", "gone", windlass.apiserver.registry.DeleteOptions.DEFAULT);
      offline.create(Kinds.POD, "default", pod("new", "1"), false);
      compactedTo = backend.currentRevision();
      backend.compact(compactedTo);
      offline.close();
    }
    assertTrue(compactedTo > Long.parseLong(before), "the informer's revision is compacted away");

    startApiServer();
    await("the relist after the restart", () -> cached().equals(Map.of("keep", "1", "change", "2", "new", "1")));
    assertTrue(informer.listCount() >= 2, "it relisted");
    // and it watches again: a change after the relist arrives as an event
    client.pods("default").create(pod("after", "1"));
    await("the watch after the relist", () -> seen.contains("add after"));

    assertEquals(List.of("add change", "add gone", "add keep"), seen.subList(0, 3).stream().sorted().toList());
    assertEquals(List.of("add new", "delete gone", "update change v2"),
        seen.subList(3, 6).stream().sorted().toList(), "every offline change was reported, the delete included");
    assertEquals("add after", seen.get(6));
    assertEquals(7, seen.size());
    assertEquals(client.pods("default").list().items().stream().map(p -> ObjectMetas.key(p).toString()).sorted()
        .toList(), informer.lister().list().stream().map(p -> ObjectMetas.key(p).toString()).sorted().toList());
  }
}
