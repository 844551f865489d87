package windlass.controllers.garbagecollector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
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
import windlass.client.informer.InformerFactory;
import windlass.client.testing.FakeApiServer;

/**
 * The collector's decisions for dependents, one reconcile at a time against the fake apiserver (which serves no
 * patches: the Foreground/Orphan finalizer paths run against the real apiserver in e2e's ControlPlaneTest).
 */
class GarbageCollectorTest {
  private final FakeClock clock = new FakeClock();
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private InformerFactory informers;
  private GarbageCollector gc;
  private V1Apps.ReplicaSet owner;

  @BeforeEach
  void setUp() throws Exception {
    owner = client.replicaSets("default").create(V1Apps.ReplicaSet.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web-1")).build());
    informers = new InformerFactory(client, clock, Duration.ZERO);
    gc = new GarbageCollector(client, informers, clock, List.of(Kinds.POD, Kinds.REPLICA_SET), 1);
    informers.start();
    assertTrue(informers.awaitSynced(Duration.ofSeconds(10)));
  }

  @AfterEach
  void tearDown() {
    informers.close();
    server.close();
  }

  private static Meta.OwnerReference ref(String apiVersion, String kind, String name, String uid) {
    return Meta.OwnerReference.newBuilder().setApiVersion(apiVersion).setKind(kind).setName(name).setUid(uid)
        .setController(true).setBlockOwnerDeletion(true).build();
  }

  /** Creates pod {@code name} with {@code refs}, waits until the collector's cache has it, and reconciles it. */
  private boolean survives(String name, Meta.OwnerReference... refs) throws Exception {
    client.pods("default").create(V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).addAllOwnerReferences(List.of(refs))).build());
    server.awaitOrFail(Duration.ofSeconds(10), "pod " + name + " cached", () -> informers.<V1.Pod>informer(Kinds.POD).lister()
        .get("default", name).isPresent());
    gc.reconcile(Kinds.POD, new ObjectKey("default", name));
    return server.object(Kinds.POD, "default", name).isPresent();
  }

  @Test
  void aDependentOfALiveOwnerStays() throws Exception {
    assertTrue(survives("a", ref("apps/v1", "ReplicaSet", "web-1", owner.getMetadata().getUid())));
  }

  @Test
  void aDependentWhoseOwnerIsAbsentIsDeleted() throws Exception {
    assertEquals(false, survives("b", ref("apps/v1", "ReplicaSet", "gone", "uid-gone")));
  }

  @Test
  void aDependentWhoseOwnersNameNowHoldsAnotherObjectIsDeleted() throws Exception {
    assertEquals(false, survives("c", ref("apps/v1", "ReplicaSet", "web-1", "uid-of-an-earlier-web-1")));
  }

  @Test
  void anOwnerOfAKindThatIsNotServedIsNeverGuessedAway() throws Exception {
    assertTrue(survives("d", ref("example.com/v1", "Widget", "w", "uid-w")));
  }

  @Test
  void anObjectWithoutOwnersIsLeftAlone() throws Exception {
    assertTrue(survives("e"));
  }
}
