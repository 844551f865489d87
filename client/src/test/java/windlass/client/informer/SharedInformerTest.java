package windlass.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.ListOptions;
import windlass.client.ResourceClient;
import windlass.client.LabelSelector;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;

class SharedInformerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeClock clock = new FakeClock();
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private final ResourceClient<V1.Pod> pods = client.pods("default");
  private SharedInformer<V1.Pod> informer;

  @AfterEach
  void tearDown() {
    if (informer != null) {
      informer.close();
    }
    server.close();
  }

  private static V1.Pod pod(String name, String... labels) {
    Meta.ObjectMeta.Builder m = Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default");
    for (int i = 0; i + 1 < labels.length; i += 2) {
      m.putLabels(labels[i], labels[i + 1]);
    }
    return V1.Pod.newBuilder().setMetadata(m)
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("nginx")))
        .build();
  }

  private RecordingHandler start(ListOptions o, Duration resync) throws InterruptedException {
    informer = new SharedInformer<>(client.pods(""), o, clock, resync);
    RecordingHandler h = new RecordingHandler();
    informer.addEventHandler(h);
    informer.start();
    assertTrue(informer.awaitSynced(WAIT));
    return h;
  }

  @Test
  void listsThenWatchesTellingHandlersInOrder() throws Exception {
    pods.create(pod("a"));
    RecordingHandler h = start(ListOptions.ALL, Duration.ZERO);
    h.expect("add a");
    assertTrue(informer.lister().get("default", "a").isPresent());

    V1.Pod b = pods.create(pod("b"));
    V1.Pod a = pods.get("a");
    pods.update(a.toBuilder().setMetadata(a.getMetadata().toBuilder().putLabels("x", "y")).build());
    pods.delete(b.getMetadata().getName());
    h.expect("add b", "update a", "delete b");
    h.expectNothingMore();
    assertEquals(List.of("a"), informer.lister().list("default").stream().map(p -> p.getMetadata().getName()).toList());
    assertEquals(1, informer.lister().list("default", LabelSelector.fromProto(
        Meta.LabelSelector.newBuilder().putMatchLabels("x", "y").build())).size());
    assertEquals(1, informer.indexer().byIndex(Indexer.NAMESPACE, "default").size());
    assertEquals(Long.toString(server.revision()), informer.lastResourceVersion());
  }

  @Test
  void resumesFromTheLastResourceVersionWhenTheStreamEnds() throws Exception {
    pods.create(pod("a"));
    RecordingHandler h = start(ListOptions.ALL, Duration.ZERO);
    h.expect("add a");
    server.awaitWatches(Kinds.POD, 1);
    server.closeWatches();
    pods.create(pod("c"));
    h.expect("add c");
    assertEquals(1, informer.listCount(), "a resumed watch must not relist");
    assertEquals(2, server.actions("watch", Kinds.POD).size());
  }

  @Test
  void relistsOnOutOfRangeWithoutLosingADelete() throws Exception {
    pods.create(pod("a"));
    pods.create(pod("b"));
    RecordingHandler h = start(ListOptions.ALL, Duration.ZERO);
    assertEquals(List.of("add a", "add b"), h.nextSorted(2));
    server.awaitWatches(Kinds.POD, 1);

    server.pauseWatches(Kinds.POD); // the informer misses what follows...
    pods.delete("b");
    pods.create(pod("c"));
    V1.Pod a = pods.get("a");
    pods.update(a.toBuilder().setMetadata(a.getMetadata().toBuilder().putLabels("v", "2")).build());
    server.compact(); // ...and the history it would resume from is gone
    server.closeWatches();
    server.resumeWatches(Kinds.POD);

    assertEquals(List.of("add c", "delete b", "update a"), h.nextSorted(3));
    h.expectNothingMore();
    assertEquals(2, informer.listCount());
    assertFalse(informer.lister().get("default", "b").isPresent());
    assertEquals("2", informer.lister().get("default", "a").orElseThrow().getMetadata().getLabelsOrThrow("v"));

    pods.create(pod("d"));
    h.expect("add d");
  }

  @Test
  void backsOffAfterAWatchErrorThenResumesWithoutLosingEvents() throws Exception {
    RecordingHandler h = start(ListOptions.ALL, Duration.ZERO);
    server.awaitWatches(Kinds.POD, 1);
    server.failWatches(ApiException.internal("boom"));
    assertTrue(clock.awaitPendingTimers(1, WAIT), "the informer sleeps its backoff on the injected clock");
    pods.create(pod("e"));
    h.expectNothingMore();
    clock.advance(Duration.ofSeconds(1));
    h.expect("add e");
    assertEquals(1, informer.listCount());
  }

  @Test
  void syncedMeansTheHandlersHaveSeenTheInitialList() throws Exception {
    pods.create(pod("a"));
    pods.create(pod("b"));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    informer = new SharedInformer<>(client.pods(""), clock);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1.Pod p) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add(p.getMetadata().getName());
      }
    });
    informer.start();
    server.awaitOrFail(WAIT, "the cache filled", () -> informer.lister().list().size() == 2);
    assertFalse(informer.hasSynced(), "the cache holds both, the handler has seen neither");
    assertFalse(informer.awaitSynced(Duration.ofMillis(50)));
    release.countDown();
    assertTrue(informer.awaitSynced(WAIT));
    assertEquals(List.of("a", "b"), seen.stream().sorted().toList());
  }

  @Test
  void retriesAFailedListAfterABackoff() throws Exception {
    pods.create(pod("a"));
    server.failNext("list", Kinds.POD, ApiException.internal("etcd is down"));
    informer = new SharedInformer<>(client.pods(""), clock);
    RecordingHandler h = new RecordingHandler();
    informer.addEventHandler(h);
    informer.start();
    assertTrue(clock.awaitPendingTimers(1, WAIT));
    assertFalse(informer.hasSynced());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(informer.awaitSynced(WAIT));
    h.expect("add a");
  }

  @Test
  void resyncRedeliversEveryCachedObject() throws Exception {
    pods.create(pod("a"));
    RecordingHandler h = start(ListOptions.ALL, Duration.ofSeconds(30));
    h.expect("add a");
    clock.advance(Duration.ofSeconds(30));
    h.expect("update a");
    clock.advance(Duration.ofSeconds(30));
    h.expect("update a");
  }

  @Test
  void aHandlerAddedLateFirstGetsTheCache() throws Exception {
    pods.create(pod("a"));
    start(ListOptions.ALL, Duration.ZERO);
    RecordingHandler late = new RecordingHandler();
    informer.addEventHandler(late);
    late.expect("add a");
    pods.create(pod("b"));
    late.expect("add b");
    late.expectNothingMore();
  }

  @Test
  void aLabelSelectedInformerSeesObjectsLeaveAndEnter() throws Exception {
    pods.create(pod("a", "app", "web"));
    pods.create(pod("b", "app", "db"));
    RecordingHandler h = start(ListOptions.ALL.withLabelSelector("app=web"), Duration.ZERO);
    h.expect("add a");
    V1.Pod a = pods.get("a");
    pods.update(a.toBuilder().setMetadata(a.getMetadata().toBuilder().putLabels("app", "api")).build());
    h.expect("delete a");
    V1.Pod b = pods.get("b");
    pods.update(b.toBuilder().setMetadata(b.getMetadata().toBuilder().putLabels("app", "web")).build());
    h.expect("add b");
  }

  @Test
  void customIndexesFollowChanges() throws Exception {
    informer = new SharedInformer<>(client.pods(""), clock);
    informer.addIndex("node", p -> List.of(p.getSpec().getNodeName()));
    informer.start();
    assertTrue(informer.awaitSynced(WAIT));
    RecordingHandler h = new RecordingHandler();
    informer.addEventHandler(h);
    pods.create(pod("a"));
    h.expect("add a");
    assertEquals(1, informer.indexer().byIndex("node", "").size());
    client.pods("default").createSubresource("a", "binding", V1.Binding.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("a"))
        .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("n1")).build());
    h.expect("update a");
    assertEquals(0, informer.indexer().byIndex("node", "").size());
    assertEquals(1, informer.indexer().byIndex("node", "n1").size());
  }
}
