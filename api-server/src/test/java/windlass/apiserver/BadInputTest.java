package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.api.v1.PatchType;
import windlass.client.ApiException;
import windlass.client.WindlassClient;

/**
 * Bad requests through the real gRPC service: each is refused with a clear error (upstream's wording) and stores
 * nothing (the list resourceVersion, which is the store's revision, does not move).
 */
class BadInputTest extends InProcessApiServerTest {
  @BeforeEach
  void createTheDeployment() {
    client.deployments("default").create(deployment());
  }

  private static V1Apps.Deployment deployment() {
    Map<String, String> labels = Map.of("app", "web");
    return V1Apps.Deployment.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setSelector(Meta.LabelSelector.newBuilder().putAllMatchLabels(labels))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(ObjectMeta.newBuilder().putAllLabels(labels))
                .setSpec(V1.PodSpec.newBuilder()
                    .addContainers(V1.Container.newBuilder().setName("app").setImage("nginx:1.27")))))
        .build();
  }

  private static Arguments refused(String what, Code code, String message, Consumer<WindlassClient> call) {
    return Arguments.of(what, code, message, call);
  }

  static Stream<Arguments> badRequests() {
    String bigValue = "x".repeat(3 * 1024 * 1024);
    return Stream.of(
        refused("an invalid name", Code.INVALID_ARGUMENT, "Deployment.apps \"Web_1\" is invalid: metadata.name: "
            + "Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            c -> c.deployments("default").create(deployment().toBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("Web_1")).build())),
        refused("a 3 MB object", Code.INVALID_ARGUMENT, "Request entity too large: limit is 1572864",
            c -> {
              V1Apps.Deployment.Builder big = deployment().toBuilder();
              big.getMetadataBuilder().setName("big");
              big.getSpecBuilder().getTemplateBuilder().getSpecBuilder().getContainersBuilder(0).addArgs(bigValue);
              c.deployments("default").create(big.build());
            }),
        refused("a merge patch with a wrong field type", Code.INVALID_ARGUMENT,
            "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
            c -> c.deployments("default").patch("web", PatchType.MERGE_PATCH, "{\"spec\":{\"replicas\":\"three\"}}")),
        refused("a JSON patch with a wrong field type", Code.INVALID_ARGUMENT,
            "json: cannot unmarshal object into Go struct field DeploymentSpec.spec.paused of type bool",
            c -> c.deployments("default").patch("web", PatchType.JSON_PATCH,
                "[{\"op\":\"add\",\"path\":\"/spec/paused\",\"value\":{\"a\":1}}]")),
        refused("a merge patch with an unknown field", Code.INVALID_ARGUMENT,
            "strict decoding error: unknown field \"spec.foo\"",
            c -> c.deployments("default").patch("web", PatchType.MERGE_PATCH, "{\"spec\":{\"foo\":1}}")),
        refused("a strategic merge patch with an unknown field", Code.INVALID_ARGUMENT,
            "strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"",
            c -> c.deployments("default").patch("web", PatchType.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"imagee\":\"x\"}]}}}}")),
        refused("a JSON patch whose path does not exist", Code.INVALID_ARGUMENT,
            "the server rejected our request due to an error in our request: replace operation does not apply: "
                + "doc is missing key: /spec/nope: missing value",
            c -> c.deployments("default").patch("web", PatchType.JSON_PATCH,
                "[{\"op\":\"replace\",\"path\":\"/spec/nope\",\"value\":1}]")),
        refused("a patch that is not JSON", Code.INVALID_ARGUMENT,
            "error decoding patch: json: line 1, column 9: unexpected end of JSON input",
            c -> c.deployments("default").patch("web", PatchType.MERGE_PATCH, "{\"spec\":")),
        refused("a strategic merge patch that deletes a list item without its merge key", Code.INVALID_ARGUMENT,
            "the server rejected our request due to an error in our request: delete patch type with no merge key "
                + "defined",
            c -> c.deployments("default").patch("web", PatchType.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"delete\"}]}}}}")),
        refused("an update of an immutable field", Code.INVALID_ARGUMENT, "Deployment.apps \"web\" is invalid: "
            + "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"other\"}, "
            + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            c -> c.deployments("default").patch("web", PatchType.MERGE_PATCH,
                "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}},"
                    + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void isRefusedClearlyAndStoresNothing(String what, Code code, String message, Consumer<WindlassClient> call) {
    String before = client.deployments("default").list().resourceVersion();
    V1Apps.Deployment stored = client.deployments("default").get("web");
    ApiException e = assertThrows(ApiException.class, () -> call.accept(client));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(message, e.getMessage());
    assertEquals(before, client.deployments("default").list().resourceVersion(), "nothing was stored");
    assertEquals(stored, client.deployments("default").get("web"));
  }
}
