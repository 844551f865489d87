package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.api.v1.WatchEventType;
import windlass.client.testing.FakeApiServer;

/** The generic typed client: any kind in Kinds, namespaced on demand, list with selectors, watch as a stream. */
class TypedClientTest {
  private final FakeApiServer server = new FakeApiServer();
  private final WindlassClient client = server.client();

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  private static V1Coordination.Lease lease(String name, String holder) {
    return V1Coordination.Lease.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).putLabels("holder", holder))
        .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity(holder).setLeaseDurationSeconds(15))
        .build();
  }

  @Test
  void anyKindGetsATypedClientNarrowedToANamespace() {
    ResourceClient<V1Coordination.Lease> all = client.resource(Kinds.LEASE, V1Coordination.Lease.class);
    ResourceClient<V1Coordination.Lease> system = all.inNamespace("kube-system");
    system.create(lease("a", "x"));
    system.create(lease("b", "y"));
    client.leases("default").create(lease("c", "x"));
    assertEquals("x", system.get("a").getSpec().getHolderIdentity());
    assertEquals(3, all.list().items().size());
    assertEquals(2, system.list().items().size());
    List<String> held = all.list(ListOptions.ALL.withLabelSelector("holder=x")).items().stream()
        .map(l -> l.getMetadata().getNamespace() + "/" + l.getMetadata().getName()).sorted().toList();
    assertEquals(List.of("default/c", "kube-system/a"), held);
  }

  @Test
  void aStatusUpdateRetriesOnAConflictFromTheObjectReadAgain() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    V1.Pod created = pods.create(V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("p")).build());
    server.failNext("updateStatus", Kinds.POD, ApiException.conflictModified(Kinds.POD, "p"));
    List<Boolean> givenObject = new java.util.ArrayList<>();
    V1.Pod written = pods.updateStatusRetryingOnConflict(created, cur -> {
      givenObject.add(cur == created);
      return cur.toBuilder().setStatus(cur.getStatus().toBuilder().setPhase("Running")).build();
    }).orElseThrow();
    assertEquals(List.of(true, false), givenObject, "tried on the given object, then on the one read again");
    assertEquals("Running", written.getStatus().getPhase());
    assertEquals("Running", pods.get("p").getStatus().getPhase());

    assertEquals("Running", pods.updateStatusRetryingOnConflict(written, cur -> null).orElseThrow().getStatus()
        .getPhase(), "nothing to write: the object as given");
    pods.delete("p");
    assertFalse(pods.updateStatusRetryingOnConflict(written, cur -> cur).isPresent(), "gone");
  }

  @Test
  void theMessageClassMustBeTheKinds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.resource(Kinds.LEASE, V1.Pod.class));
    assertEquals("leases.coordination.k8s.io objects are io.kubernetes.client.proto.V1Coordination$Lease, not "
        + "io.kubernetes.client.proto.V1$Pod", e.getMessage());
  }

  @Test
  void aWatchReadsAsAStream() throws Exception {
    ResourceClient<V1Coordination.Lease> leases = client.leases("kube-system");
    String rv = leases.list().resourceVersion();
    try (WatchStream<V1Coordination.Lease> events = leases.watchStream(ListOptions.ALL.withResourceVersion(rv))) {
      V1Coordination.Lease a = leases.create(lease("a", "x"));
      leases.update(a.toBuilder().setSpec(a.getSpec().toBuilder().setHolderIdentity("y")).build());
      leases.delete("a");
      WatchEvent<V1Coordination.Lease> added = events.next();
      assertEquals(WatchEventType.ADDED, added.type());
      assertEquals("x", added.object().getSpec().getHolderIdentity());
      assertEquals(WatchEventType.MODIFIED, events.next().type());
      assertEquals(WatchEventType.DELETED, events.poll(Duration.ofSeconds(10)).orElseThrow().type());
    }
  }

  @Test
  void aStreamEndsWhenTheServerEndsTheWatch() throws Exception {
    ResourceClient<V1Coordination.Lease> leases = client.leases("kube-system");
    try (WatchStream<V1Coordination.Lease> events = leases.watchStream(
        ListOptions.ALL.withResourceVersion(leases.list().resourceVersion()))) {
      server.awaitWatches(Kinds.LEASE, 1);
      server.closeWatches();
      assertFalse(events.hasNext());
    }
  }
}
