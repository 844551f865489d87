package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Coordination;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** coordination.k8s.io/v1 Leases: upstream's spec checks and optimistic concurrency for leader election. */
class LeaseTest extends RegistryTestBase {
  private static V1Coordination.Lease lease(String name, int durationSeconds) {
    return V1Coordination.Lease.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("kube-system"))
        .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity("a").setLeaseDurationSeconds(durationSeconds)
            .setLeaseTransitions(0).setRenewTime(Meta.MicroTime.newBuilder().setSeconds(NOW.getEpochSecond())))
        .build();
  }

  @Test
  void aLeaseDurationMustBePositive() {
    ApiException e = fails(() -> registry.create(Kinds.LEASE, "kube-system", lease("kube-scheduler", 0), false));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("Lease.coordination.k8s.io \"kube-scheduler\" is invalid: spec.leaseDurationSeconds: Invalid value: "
        + "0: must be greater than 0", e.getMessage());
  }

  @Test
  void leaseTransitionsMayNotBeNegativeOnUpdate() {
    var created = (V1Coordination.Lease) registry.create(Kinds.LEASE, "kube-system", lease("kube-scheduler", 15),
        false);
    var b = created.toBuilder();
    b.getSpecBuilder().setLeaseTransitions(-1);
    ApiException e = fails(() -> registry.update(Kinds.LEASE, "kube-system", b.build(), false));
    assertEquals("Lease.coordination.k8s.io \"kube-scheduler\" is invalid: spec.leaseTransitions: Invalid value: "
        + "-1: must be greater than or equal to 0", e.getMessage());
  }

  @Test
  void aStaleResourceVersionConflictsSoOnlyOneCandidateWins() {
    var created = (V1Coordination.Lease) registry.create(Kinds.LEASE, "kube-system", lease("kube-scheduler", 15),
        false);
    var first = created.toBuilder();
    first.getSpecBuilder().setHolderIdentity("b");
    registry.update(Kinds.LEASE, "kube-system", first.build(), false);
    var second = created.toBuilder();
    second.getSpecBuilder().setHolderIdentity("c");
    ApiException e = fails(() -> registry.update(Kinds.LEASE, "kube-system", second.build(), false));
    assertEquals(Code.ABORTED, e.code());
    var now = (V1Coordination.Lease) registry.get(Kinds.LEASE, "kube-system", "kube-scheduler");
    assertEquals("b", now.getSpec().getHolderIdentity());
  }

  @Test
  void theCoordinatedLeaderElectionFieldsAreDroppedWithTheGateOff() {
    var l = lease("node-1", 40).toBuilder();
    l.getMetadataBuilder().setNamespace("kube-node-lease");
    l.getSpecBuilder().setStrategy("OldestEmulationVersion").setPreferredHolder("x");
    var created = (V1Coordination.Lease) registry.create(Kinds.LEASE, "kube-node-lease", l.build(), false);
    assertFalse(created.getSpec().hasStrategy());
    assertFalse(created.getSpec().hasPreferredHolder());
  }
}
