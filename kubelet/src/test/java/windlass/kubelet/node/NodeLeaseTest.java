package windlass.kubelet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;

/** The node heartbeat Lease against the FakeApiServer. */
class NodeLeaseTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  private V1.Node node() {
    return client.nodes().create(V1.Node.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("n1")).build());
  }

  @Test
  void createsTheLeaseOwnedByTheNodeAndMovesRenewTime() {
    V1.Node n = node();
    NodeLease lease = new NodeLease(client.leases(""), () -> client.nodes().get("n1"), clock, "n1");
    V1Coordination.Lease first = lease.renew();
    assertEquals("kube-node-lease", first.getMetadata().getNamespace());
    assertEquals("n1", first.getMetadata().getName());
    assertEquals("n1", first.getSpec().getHolderIdentity());
    assertEquals(40, first.getSpec().getLeaseDurationSeconds());
    Meta.OwnerReference owner = first.getMetadata().getOwnerReferences(0);
    assertEquals("v1", owner.getApiVersion());
    assertEquals("Node", owner.getKind());
    assertEquals(n.getMetadata().getUid(), owner.getUid());
    assertEquals(clock.now().getEpochSecond(), first.getSpec().getRenewTime().getSeconds());

    clock.advance(NodeLease.RENEW_INTERVAL);
    V1Coordination.Lease second = lease.renew();
    assertEquals(clock.now().getEpochSecond(), second.getSpec().getRenewTime().getSeconds());
    assertEquals(1, server.objects(Kinds.LEASE, "kube-node-lease").size());
    assertEquals(1, second.getMetadata().getOwnerReferencesCount());
  }

  @Test
  void aConflictingWriterIsOvercomeByReadingAgain() {
    node();
    NodeLease lease = new NodeLease(client.leases(""), () -> client.nodes().get("n1"), clock, "n1");
    V1Coordination.Lease first = lease.renew();
    // someone else writes it meanwhile: our cached resourceVersion is stale
    client.leases("kube-node-lease").update(first.toBuilder()
        .setSpec(first.getSpec().toBuilder().setLeaseDurationSeconds(99)).build());
    clock.advance(Duration.ofSeconds(10));
    V1Coordination.Lease renewed = lease.renew();
    assertEquals(40, renewed.getSpec().getLeaseDurationSeconds());
    assertTrue(renewed.getSpec().getRenewTime().getSeconds() > first.getSpec().getRenewTime().getSeconds());
  }
}
