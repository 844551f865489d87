package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static windlass.apiserver.registry.Objects.pod;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.codec.Json;

class PatchTest extends RegistryTestBase {
  @Test
  void jsonPatchAppliesOperationsInOrder() {
    Object doc = Json.parse("{\"a\":{\"b\":1},\"l\":[1,2]}");
    Object out = JsonPatch.apply(doc, Json.parse("[{\"op\":\"add\",\"path\":\"/a/c\",\"value\":\"x\"},"
        + "{\"op\":\"remove\",\"path\":\"/a/b\"},{\"op\":\"add\",\"path\":\"/l/-\",\"value\":3},"
        + "{\"op\":\"replace\",\"path\":\"/l/0\",\"value\":0},{\"op\":\"move\",\"from\":\"/a/c\",\"path\":\"/d\"},"
        + "{\"op\":\"copy\",\"from\":\"/d\",\"path\":\"/e\"},{\"op\":\"test\",\"path\":\"/e\",\"value\":\"x\"}]"));
    assertEquals(Json.parse("{\"a\":{},\"l\":[0,2,3],\"d\":\"x\",\"e\":\"x\"}"), out);
    assertEquals(Json.parse("{\"a\":{\"b\":1},\"l\":[1,2]}"), doc, "the input is left alone");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonPatch.apply(doc, Json.parse("[{\"op\":\"test\",\"path\":\"/a/b\",\"value\":2}]")));
    assertEquals("testing value /a/b failed: test failed", e.getMessage());
  }

  @Test
  void mergePatchFollowsRfc7386() {
    Object out = MergePatch.apply(Json.parse("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}"),
        Json.parse("{\"a\":\"z\",\"c\":{\"f\":null}}"));
    assertEquals(Json.parse("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}"), out);
  }

  @Test
  void patchesGoThroughValidationAndStatusPatchesOnlyStatus() {
    registry.create(Kinds.POD, "default", pod("web", Map.of("app", "web")), false);
    V1.Pod p = (V1.Pod) registry.patch(Kinds.POD, "default", "web", PatchFormat.JSON_PATCH,
        "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"nginx:2\"}]", "", false);
    assertEquals("nginx:2", p.getSpec().getContainers(0).getImage());
    ApiException bad = assertThrows(ApiException.class, () -> registry.patch(Kinds.POD, "default", "web",
        PatchFormat.MERGE_PATCH, "{\"spec\":{\"containers\":[{\"name\":\"app\"}]}}", "", false));
    assertEquals(Code.INVALID_ARGUMENT, bad.code());
    assertEquals("spec.containers[0].image", bad.causes().get(0).getField());
    V1.Pod s = (V1.Pod) registry.patch(Kinds.POD, "default", "web", PatchFormat.MERGE_PATCH,
        "{\"status\":{\"phase\":\"Running\"},\"metadata\":{\"labels\":{\"x\":\"y\"}}}", "status", false);
    assertEquals("Running", s.getStatus().getPhase());
    assertEquals(Map.of("app", "web"), s.getMetadata().getLabelsMap());
    ApiException unknown = assertThrows(ApiException.class, () -> registry.patch(Kinds.POD, "default", "web",
        PatchFormat.MERGE_PATCH, "{\"spec\":{\"nodeNmae\":\"x\"}}", "", false));
    assertEquals(Code.INVALID_ARGUMENT, unknown.code());
  }

  @Test
  void aPatchPinnedToAStaleResourceVersionConflicts() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", Map.of("app", "web")), false);
    registry.patch(Kinds.POD, "default", "web", PatchFormat.MERGE_PATCH, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}",
        "", false);
    ApiException e = assertThrows(ApiException.class, () -> registry.patch(Kinds.POD, "default", "web",
        PatchFormat.MERGE_PATCH, "{\"metadata\":{\"resourceVersion\":\"" + p.getMetadata().getResourceVersion()
            + "\",\"labels\":{\"a\":\"c\"}}}", "", false));
    assertEquals(Code.ABORTED, e.code());
  }

  @Test
  void aStrategicMergePatchMergesContainersByName() {
    registry.create(Kinds.POD, "default", pod("web", Map.of("app", "web")), false);
    V1.Pod p = (V1.Pod) registry.patch(Kinds.POD, "default", "web", PatchFormat.STRATEGIC_MERGE_PATCH,
        "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]},"
            + "\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", "", false);
    assertEquals(1, p.getSpec().getContainersCount());
    assertEquals("nginx:2", p.getSpec().getContainers(0).getImage());
    assertEquals(Map.of("app", "web", "tier", "front"), p.getMetadata().getLabelsMap());
    ApiException unknown = assertThrows(ApiException.class, () -> registry.patch(Kinds.POD, "default", "web",
        PatchFormat.STRATEGIC_MERGE_PATCH, "{\"spec\":{\"foo\":1}}", "", false));
    assertEquals(Code.INVALID_ARGUMENT, unknown.code());
    assertEquals("strict decoding error: unknown field \"spec.foo\"", unknown.getMessage());
  }

  @Test
  void jsonPatchErrorsUseUpstreamWording() {
    Object doc = Json.parse("{\"a\":{}}");
    assertEquals("replace operation does not apply: doc is missing key: /a/b: missing value",
        assertThrows(IllegalArgumentException.class, () -> JsonPatch.apply(doc,
            Json.parse("[{\"op\":\"replace\",\"path\":\"/a/b\",\"value\":1}]"))).getMessage());
    Map<String, String> wording = Map.of(
        "[{\"op\":\"remove\",\"path\":\"/a/b\"}]",
        "error in remove for path: '/a/b': Unable to remove nonexistent key: b: missing value",
        "[{\"op\":\"add\",\"path\":\"/x/y\",\"value\":1}]",
        "add operation does not apply: doc is missing path: \"/x/y\": missing value",
        "[{\"op\":\"move\",\"from\":\"/q\",\"path\":\"/a/b\"}]",
        "move operation does not apply: doc is missing from path: /q: missing value",
        "[{\"op\":\"copy\",\"from\":\"/q\",\"path\":\"/a/b\"}]",
        "copy operation does not apply: doc is missing from path: /q: missing value",
        "[{\"op\":\"test\",\"path\":\"/x/y\",\"value\":1}]",
        "test operation does not apply: is missing path: /x/y: missing value");
    wording.forEach((patch, message) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> JsonPatch.apply(doc, Json.parse(patch))).getMessage(), patch));
    assertEquals(Json.parse("{\"a\":{}}"), JsonPatch.apply(doc,
        Json.parse("[{\"op\":\"test\",\"path\":\"/a/missing\",\"value\":null}]")), "a missing key tests as null");
    assertEquals("Unexpected kind: frobnicate", assertThrows(IllegalArgumentException.class,
        () -> JsonPatch.apply(doc, Json.parse("[{\"op\":\"frobnicate\",\"path\":\"/a\"}]"))).getMessage());
  }
}
