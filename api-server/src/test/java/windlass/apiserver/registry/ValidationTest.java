package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static windlass.apiserver.registry.Objects.deployment;
import static windlass.apiserver.registry.Objects.pod;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** Validation errors, worded byte-for-byte as upstream's. */
class ValidationTest extends RegistryTestBase {
  private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  private String invalid(io.kubernetes.client.proto.V1.Pod p) {
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", p, false));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("Invalid", e.reason());
    assertEquals(422, e.status().getCode());
    return e.getMessage();
  }

  @Test
  void podNamesAreSubdomains() {
    assertEquals("Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": " + SUBDOMAIN,
        invalid(pod("Web_1", "nginx")));
  }

  @Test
  void aNameOrGenerateNameIsRequired() {
    assertEquals("Pod \"\" is invalid: metadata.name: Required value: name or generateName is required",
        invalid(pod("", "nginx")));
  }

  @Test
  void namespaceNamesAreLabels() {
    ApiException e = fails(() -> registry.create(Kinds.NAMESPACE, "", Objects.namespace("a.b"), false));
    assertEquals("Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": must not contain dots",
        e.getMessage());
  }

  @Test
  void serviceNamesAreDns1035Labels() {
    ApiException e = fails(() -> registry.create(Kinds.SERVICE, "default", Objects.service("1web", 80), false));
    assertEquals("Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist "
        + "of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
        + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
        + "'[a-z]([-a-z0-9]*[a-z0-9])?')", e.getMessage());
  }

  @Test
  void podsNeedContainersWithNamesAndImages() {
    V1.Pod none = pod("web", "nginx").toBuilder().setSpec(V1.PodSpec.getDefaultInstance()).build();
    assertEquals("Pod \"web\" is invalid: spec.containers: Required value", invalid(none));
    V1.Pod noImage = pod("web", "");
    assertEquals("Pod \"web\" is invalid: spec.containers[0].image: Required value", invalid(noImage));
    V1.Pod.Builder dup = pod("web", "nginx").toBuilder();
    dup.getSpecBuilder().addContainers(V1.Container.newBuilder().setName("app").setImage("busybox"));
    assertEquals("Pod \"web\" is invalid: spec.containers[1].name: Duplicate value: \"app\"", invalid(dup.build()));
    V1.Pod.Builder two = pod("web", "").toBuilder();
    two.getSpecBuilder().addContainers(V1.Container.newBuilder().setImage("busybox"));
    assertEquals("Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.containers[1].name: "
        + "Required value]", invalid(two.build()));
  }

  @Test
  void podSpecsOnlyChangeWhereUpstreamAllows() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx:1"), false);
    V1.Pod.Builder b = p.toBuilder();
    b.getSpecBuilder().setContainers(0, p.getSpec().getContainers(0).toBuilder().addArgs("--debug"));
    ApiException e = fails(() -> registry.update(Kinds.POD, "default", b.build(), false));
    assertEquals("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than "
        + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
        + "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if "
        + "it was previously negative)", e.getMessage());
    V1.Pod.Builder image = p.toBuilder();
    image.getSpecBuilder().setContainers(0, p.getSpec().getContainers(0).toBuilder().setImage("nginx:2"));
    registry.update(Kinds.POD, "default", image.build(), false);
    V1.Pod current = (V1.Pod) registry.get(Kinds.POD, "default", "web");
    V1.Pod.Builder asWritten = current.toBuilder();
    asWritten.getSpecBuilder().clearTolerations().clearPriority().clearPreemptionPolicy();
    asWritten.getMetadataBuilder().putLabels("edited", "yes");
    registry.update(Kinds.POD, "default", asWritten.build(), false); // what admission added on create is kept
  }

  @Test
  void deploymentSelectorMustMatchTemplateLabels() {
    V1Apps.Deployment d = deployment("web", Map.of("app", "x"));
    V1Apps.Deployment.Builder b = d.toBuilder();
    b.getSpecBuilder().setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "y"));
    ApiException e = fails(() -> registry.create(Kinds.DEPLOYMENT, "default", b.build(), false));
    assertEquals("Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
        + "map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`",
        e.getMessage());
  }

  @Test
  void deploymentsNeedASelectorAndNonNegativeReplicas() {
    V1Apps.Deployment.Builder b = deployment("web", Map.of("app", "x")).toBuilder();
    b.getSpecBuilder().clearSelector().setReplicas(-1);
    ApiException e = fails(() -> registry.create(Kinds.DEPLOYMENT, "default", b.build(), false));
    assertEquals("Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal "
        + "to 0, spec.selector: Required value]", e.getMessage());
  }

  @Test
  void deploymentSelectorsAreImmutable() {
    V1Apps.Deployment d = (V1Apps.Deployment) registry.create(Kinds.DEPLOYMENT, "default",
        deployment("web", Map.of("app", "x")), false);
    V1Apps.Deployment.Builder b = d.toBuilder();
    b.getSpecBuilder().setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "x").putMatchLabels("v", "2"));
    b.getSpecBuilder().getTemplateBuilder().getMetadataBuilder().putLabels("v", "2");
    ApiException e = fails(() -> registry.update(Kinds.DEPLOYMENT, "default", b.build(), false));
    assertEquals("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        + "map[string]string{\"app\":\"x\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
        + "field is immutable", e.getMessage());
  }

  @Test
  void servicePortsAreRequiredAndInRange() {
    V1.Service none = Objects.service("web", 80).toBuilder().setSpec(V1.ServiceSpec.getDefaultInstance()).build();
    assertEquals("Service \"web\" is invalid: spec.ports: Required value",
        fails(() -> registry.create(Kinds.SERVICE, "default", none, false)).getMessage());
    ApiException e = fails(() -> registry.create(Kinds.SERVICE, "default", Objects.service("web", 70000), false));
    assertEquals("Service \"web\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, "
        + "inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]",
        e.getMessage());
  }

  @Test
  void contentCannotBeCreatedInATerminatingNamespace() {
    registry.create(Kinds.NAMESPACE, "", Objects.namespace("team"), false);
    registry.create(Kinds.POD, "team", pod("web", "nginx"), false);
    registry.bind("team", "web", V1.Binding.newBuilder()
        .setTarget(V1.ObjectReference.newBuilder().setName("n1")).build(), false);
    V1.Namespace ns = (V1.Namespace) registry.delete(Kinds.NAMESPACE, "", "team", DeleteOptions.DEFAULT);
    assertEquals("Terminating", ns.getStatus().getPhase());
    ApiException e = fails(() -> registry.create(Kinds.POD, "team", pod("web-2", "nginx"), false));
    assertEquals(Code.PERMISSION_DENIED, e.code());
    assertEquals("pods \"web-2\" is forbidden: unable to create new content in namespace team because it is being "
        + "terminated", e.getMessage());
    registry.delete(Kinds.POD, "team", "web", DeleteOptions.now());
    assertEquals(Code.NOT_FOUND, fails(() -> registry.get(Kinds.NAMESPACE, "", "team")).code(),
        "the namespace goes once its last pod is gone");
  }

  @Test
  void systemNamespacesCannotBeDeleted() {
    ApiException e = fails(() -> registry.delete(Kinds.NAMESPACE, "", "default", DeleteOptions.DEFAULT));
    assertEquals("namespaces \"default\" is forbidden: this namespace may not be deleted", e.getMessage());
  }
}
