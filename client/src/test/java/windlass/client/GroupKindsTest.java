package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The non-core kinds resolve by short name, plural and qualified name, and live where upstream has them. */
class GroupKindsTest {
  @Test
  void resolvesShortNamesAndQualifiedPlurals() {
    assertEquals(Kinds.DAEMON_SET, Kinds.resolve("ds").orElseThrow());
    assertEquals(Kinds.STATEFUL_SET, Kinds.resolve("sts").orElseThrow());
    assertEquals(Kinds.CRON_JOB, Kinds.resolve("cj").orElseThrow());
    assertEquals(Kinds.JOB, Kinds.resolve("jobs.batch").orElseThrow());
    assertEquals(Kinds.HORIZONTAL_POD_AUTOSCALER, Kinds.resolve("hpa").orElseThrow());
    assertEquals(Kinds.INGRESS, Kinds.resolve("ing").orElseThrow());
    assertEquals(Kinds.CERTIFICATE_SIGNING_REQUEST, Kinds.resolve("csr").orElseThrow());
    assertEquals(Kinds.ENDPOINT_SLICE, Kinds.resolve("endpointslices.discovery.k8s.io").orElseThrow());
    assertEquals(Kinds.CLUSTER_ROLE_BINDING, Kinds.resolve("clusterrolebinding").orElseThrow());
    assertEquals(Kinds.ROLE, Kinds.resolve("roles.rbac.authorization.k8s.io").orElseThrow());
  }

  @Test
  void apiVersionsAndScopesAreUpstreams() {
    assertEquals(Kinds.HORIZONTAL_POD_AUTOSCALER,
        Kinds.forApiVersionKind("autoscaling/v2", "HorizontalPodAutoscaler").orElseThrow());
    assertEquals(Kinds.CONTROLLER_REVISION, Kinds.forApiVersionKind("apps/v1", "ControllerRevision").orElseThrow());
    assertEquals("certificatesigningrequests.certificates.k8s.io", Kinds.CERTIFICATE_SIGNING_REQUEST.groupResource());
    assertFalse(Kinds.CLUSTER_ROLE.namespaced());
    assertFalse(Kinds.CLUSTER_ROLE_BINDING.namespaced());
    assertFalse(Kinds.CERTIFICATE_SIGNING_REQUEST.namespaced());
    assertFalse(Kinds.ROLE.hasStatus());
    assertEquals("type.googleapis.com/k8s.io.api.batch.v1.CronJob", Kinds.CRON_JOB.typeUrl());
  }
}
