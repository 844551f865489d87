package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static windlass.apiserver.registry.Objects.pod;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.apiserver.registry.DeleteOptions.Propagation;
import windlass.client.Kinds;

/** What a delete leaves for the garbage collector: finalizers and deletionTimestamp per propagation policy. */
class GcDeletionTest extends RegistryTestBase {
  private V1.Pod deleteWith(Propagation p) {
    registry.create(Kinds.POD, "default", pod("owner", Map.of("app", "web")), false);
    return (V1.Pod) registry.delete(Kinds.POD, "default", "owner",
        new DeleteOptions(null, p, "", "", false));
  }

  @Test
  void foregroundKeepsTheOwnerWithTheForegroundDeletionFinalizer() {
    V1.Pod p = deleteWith(Propagation.FOREGROUND);
    assertEquals(List.of("foregroundDeletion"), p.getMetadata().getFinalizersList());
    assertTrue(p.getMetadata().hasDeletionTimestamp());
    assertEquals(0, p.getMetadata().getDeletionGracePeriodSeconds());
    assertTrue(registry.store(Kinds.POD).find("default", "owner").isPresent(), "it waits for the collector");
  }

  @Test
  void orphanKeepsTheOwnerWithTheOrphanFinalizer() {
    V1.Pod p = deleteWith(Propagation.ORPHAN);
    assertEquals(List.of("orphan"), p.getMetadata().getFinalizersList());
    assertTrue(p.getMetadata().hasDeletionTimestamp());
  }

  @Test
  void backgroundAndTheDefaultRemoveTheOwnerAtOnce() {
    deleteWith(Propagation.BACKGROUND);
    assertFalse(registry.store(Kinds.POD).find("default", "owner").isPresent());
    deleteWith(Propagation.KIND_DEFAULT);
    assertFalse(registry.store(Kinds.POD).find("default", "owner").isPresent());
  }

  @Test
  void aSecondDeleteSwitchesThePolicyAndAnExplicitBackgroundFinishesIt() {
    deleteWith(Propagation.ORPHAN);
    V1.Pod p = (V1.Pod) registry.delete(Kinds.POD, "default", "owner",
        new DeleteOptions(null, Propagation.FOREGROUND, "", "", false));
    assertEquals(List.of("foregroundDeletion"), p.getMetadata().getFinalizersList());
    V1.Pod again = (V1.Pod) registry.delete(Kinds.POD, "default", "owner", DeleteOptions.DEFAULT);
    assertEquals(List.of("foregroundDeletion"), again.getMetadata().getFinalizersList(), "no policy keeps it");
    registry.delete(Kinds.POD, "default", "owner", new DeleteOptions(null, Propagation.BACKGROUND, "", "", false));
    assertFalse(registry.store(Kinds.POD).find("default", "owner").isPresent());
  }

  @Test
  void removingTheLastFinalizerRemovesTheMarkedOwner() {
    deleteWith(Propagation.FOREGROUND);
    registry.patch(Kinds.POD, "default", "owner", PatchFormat.STRATEGIC_MERGE_PATCH,
        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"foregroundDeletion\"]}}", "", false);
    assertFalse(registry.store(Kinds.POD).find("default", "owner").isPresent());
  }

  @Test
  void theDeprecatedOrphanDependentsMapsToAPolicy() {
    assertEquals(Propagation.ORPHAN, DeleteOptions.propagation("", true));
    assertEquals(Propagation.BACKGROUND, DeleteOptions.propagation("", false));
    assertEquals(Propagation.KIND_DEFAULT, DeleteOptions.propagation("", null));
    assertEquals(Code.INVALID_ARGUMENT, fails(() -> DeleteOptions.propagation("Orphan", true)).code());
    assertEquals("propagationPolicy: Unsupported value: \"Sideways\": supported values: \"Foreground\", "
        + "\"Background\", \"Orphan\"", fails(() -> DeleteOptions.propagation("Sideways")).getMessage());
  }

  @Test
  void deletingANamespaceRemovesContentThatWaitsForTheCollector() {
    registry.create(Kinds.NAMESPACE, "", V1.Namespace.newBuilder()
        .setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("team")).build(), false);
    registry.create(Kinds.POD, "team", pod("owner", Map.of("app", "web")), false);
    registry.delete(Kinds.POD, "team", "owner", new DeleteOptions(null, Propagation.FOREGROUND, "", "", false));
    assertTrue(registry.store(Kinds.POD).find("team", "owner").isPresent());
    registry.delete(Kinds.NAMESPACE, "", "team", DeleteOptions.DEFAULT);
    assertFalse(registry.store(Kinds.POD).find("team", "owner").isPresent());
    assertFalse(registry.store(Kinds.NAMESPACE).find("", "team").isPresent());
  }
}
