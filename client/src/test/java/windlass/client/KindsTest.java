package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

class KindsTest {
  @Test
  void resolvesWhatUsersTypeAsKubectlDoes() {
    assertEquals(Kinds.POD, Kinds.resolve("po").orElseThrow());
    assertEquals(Kinds.POD, Kinds.resolve("Pod").orElseThrow());
    assertEquals(Kinds.DEPLOYMENT, Kinds.resolve("deployments.apps").orElseThrow());
    assertEquals(Kinds.DEPLOYMENT, Kinds.resolve("deploy").orElseThrow());
    assertEquals(Kinds.REPLICA_SET, Kinds.resolve("rs").orElseThrow());
    assertEquals(Kinds.SERVICE, Kinds.resolve("svc").orElseThrow());
    assertTrue(Kinds.resolve("deployments.batch").isEmpty());
    assertTrue(Kinds.resolve("foo").isEmpty());
  }

  @Test
  void mapsManifestTypesAndAnyTypeUrls() {
    assertEquals(Kinds.DEPLOYMENT, Kinds.forApiVersionKind("apps/v1", "Deployment").orElseThrow());
    assertTrue(Kinds.forApiVersionKind("v1", "Deployment").isEmpty());
    assertEquals("type.googleapis.com/k8s.io.api.core.v1.Pod", Kinds.POD.typeUrl());
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("a"))
        .build();
    assertEquals(pod, Kinds.unpackAny(com.google.protobuf.Any.pack(pod)));
    assertEquals("a", ObjectMetas.key(pod).name());
  }
}
