package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** The scale subresource of deployments, replicasets and statefulsets, through the registry. */
class ScaleSubresourceTest extends RegistryTestBase {
  @Test
  void aDeploymentsScaleRoundTrips() {
    V1Apps.Deployment d = (V1Apps.Deployment) registry.create(Kinds.DEPLOYMENT, "default",
        Objects.deployment("web", Map.of("app", "web")), false);
    V1Autoscaling.Scale scale = registry.getScale(Kinds.DEPLOYMENT, "default", "web");
    assertEquals("web", scale.getMetadata().getName());
    assertEquals("default", scale.getMetadata().getNamespace());
    assertEquals(d.getMetadata().getUid(), scale.getMetadata().getUid());
    assertEquals(d.getMetadata().getResourceVersion(), scale.getMetadata().getResourceVersion());
    assertEquals(1, scale.getSpec().getReplicas());
    assertEquals(0, scale.getStatus().getReplicas());
    assertEquals("app=web", scale.getStatus().getSelector());

    V1Autoscaling.Scale.Builder five = scale.toBuilder();
    five.getSpecBuilder().setReplicas(5);
    V1Autoscaling.Scale scaled = registry.updateScale(Kinds.DEPLOYMENT, "default", five.build(), false);
    assertEquals(5, scaled.getSpec().getReplicas());
    V1Apps.Deployment after = (V1Apps.Deployment) registry.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(5, after.getSpec().getReplicas());
    assertEquals(2, after.getMetadata().getGeneration());
    assertEquals(after.getMetadata().getResourceVersion(), scaled.getMetadata().getResourceVersion());

    ApiException stale = fails(() -> registry.updateScale(Kinds.DEPLOYMENT, "default", five.build(), false));
    assertEquals(Code.ABORTED, stale.code(), "the Scale's resourceVersion is a precondition");
    V1Autoscaling.Scale.Builder unconditional = five.clone();
    unconditional.getMetadataBuilder().clearResourceVersion();
    unconditional.getSpecBuilder().setReplicas(2);
    assertEquals(2, registry.updateScale(Kinds.DEPLOYMENT, "default", unconditional.build(), false).getSpec()
        .getReplicas());
  }

  @Test
  void negativeReplicasAreInvalid() {
    registry.create(Kinds.REPLICA_SET, "default", Objects.replicaSet("web-1", Map.of("app", "web"),
        io.kubernetes.client.proto.Meta.OwnerReference.getDefaultInstance()).toBuilder()
        .setMetadata(GroupObjects.meta("web-1")).build(), false);
    V1Autoscaling.Scale.Builder s = registry.getScale(Kinds.REPLICA_SET, "default", "web-1").toBuilder();
    s.getSpecBuilder().setReplicas(-1);
    ApiException e = fails(() -> registry.updateScale(Kinds.REPLICA_SET, "default", s.build(), false));
    assertEquals("Scale.autoscaling \"web-1\" is invalid: spec.replicas: Invalid value: -1: must be greater than or "
        + "equal to 0", e.getMessage());
    assertEquals(2, ((V1Apps.ReplicaSet) registry.get(Kinds.REPLICA_SET, "default", "web-1")).getSpec()
        .getReplicas());
  }

  @Test
  void statefulSetsScaleByMergePatch() {
    registry.create(Kinds.STATEFUL_SET, "default", GroupObjects.statefulSet("db"), false);
    V1Autoscaling.Scale s = (V1Autoscaling.Scale) registry.patch(Kinds.STATEFUL_SET, "default", "db",
        PatchFormat.MERGE_PATCH, "{\"spec\":{\"replicas\":3}}", "scale", false);
    assertEquals(3, s.getSpec().getReplicas());
    assertEquals(3, ((V1Apps.StatefulSet) registry.get(Kinds.STATEFUL_SET, "default", "db")).getSpec()
        .getReplicas());
    V1Autoscaling.Scale j = (V1Autoscaling.Scale) registry.patch(Kinds.STATEFUL_SET, "default", "db",
        PatchFormat.JSON_PATCH, "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":0}]", "scale", false);
    assertEquals(0, j.getSpec().getReplicas());
  }

  @Test
  void kindsWithoutScaleSayNotFound() {
    registry.create(Kinds.DAEMON_SET, "default", GroupObjects.daemonSet("agent"), false);
    ApiException e = fails(() -> registry.getScale(Kinds.DAEMON_SET, "default", "agent"));
    assertEquals(Code.NOT_FOUND, e.code());
    assertEquals("the server could not find the requested resource (daemonsets.apps/scale)", e.getMessage());
  }
}
