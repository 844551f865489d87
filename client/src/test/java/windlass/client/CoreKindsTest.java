package windlass.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The core/v1 and policy/v1 kinds resolve by upstream's short names, with upstream's scope and subresources. */
class CoreKindsTest {
  @Test
  void shortNamesResolveAsKubectlResolvesThem() {
    assertEquals(Kinds.CONFIG_MAP, Kinds.resolve("cm").orElseThrow());
    assertEquals(Kinds.SECRET, Kinds.resolve("secrets").orElseThrow());
    assertEquals(Kinds.SERVICE_ACCOUNT, Kinds.resolve("sa").orElseThrow());
    assertEquals(Kinds.ENDPOINTS, Kinds.resolve("ep").orElseThrow());
    assertEquals(Kinds.PERSISTENT_VOLUME, Kinds.resolve("pv").orElseThrow());
    assertEquals(Kinds.PERSISTENT_VOLUME_CLAIM, Kinds.resolve("pvc").orElseThrow());
    assertEquals(Kinds.RESOURCE_QUOTA, Kinds.resolve("quota").orElseThrow());
    assertEquals(Kinds.LIMIT_RANGE, Kinds.resolve("limits").orElseThrow());
    assertEquals(Kinds.POD_DISRUPTION_BUDGET, Kinds.resolve("pdb").orElseThrow());
    assertEquals(Kinds.POD_DISRUPTION_BUDGET, Kinds.resolve("poddisruptionbudgets.policy").orElseThrow());
    assertEquals(Kinds.POD_DISRUPTION_BUDGET, Kinds.forApiVersionKind("policy/v1", "PodDisruptionBudget")
        .orElseThrow());
  }

  @Test
  void scopeAndStatusAreUpstreams() {
    assertFalse(Kinds.PERSISTENT_VOLUME.namespaced());
    assertTrue(Kinds.PERSISTENT_VOLUME_CLAIM.namespaced());
    assertTrue(Kinds.RESOURCE_QUOTA.hasStatus());
    assertTrue(Kinds.POD_DISRUPTION_BUDGET.hasStatus());
    assertFalse(Kinds.CONFIG_MAP.hasStatus());
    assertFalse(Kinds.SECRET.hasStatus());
    assertEquals("poddisruptionbudgets.policy", Kinds.POD_DISRUPTION_BUDGET.groupResource());
  }
}
