package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;

/** Bad objects of the core/v1 and policy/v1 kinds: refused with upstream's exact message, and nothing stored. */
class CoreKindsValidationTest extends RegistryTestBase {
  private static final String KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
      + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

  static Stream<Arguments> badObjects() {
    return Stream.of(
        bad(Kinds.CONFIG_MAP, V1.ConfigMap.newBuilder().setMetadata(meta("x")).putData("a b", "1").build(),
            "ConfigMap \"x\" is invalid: data[a b]: Invalid value: \"a b\": " + KEY),
        bad(Kinds.CONFIG_MAP, V1.ConfigMap.newBuilder().setMetadata(meta("x")).putData("..a", "1").build(),
            "ConfigMap \"x\" is invalid: data[..a]: Invalid value: \"..a\": must not start with '..'"),
        bad(Kinds.CONFIG_MAP, V1.ConfigMap.newBuilder().setMetadata(meta("x")).putData("k", "1")
            .putBinaryData("k", ByteString.copyFromUtf8("1")).build(),
            "ConfigMap \"x\" is invalid: data[k]: Invalid value: \"k\": duplicate of key present in binaryData"),
        bad(Kinds.CONFIG_MAP, V1.ConfigMap.newBuilder().setMetadata(meta("X")).build(),
            "ConfigMap \"X\" is invalid: metadata.name: Invalid value: \"X\": a lowercase RFC 1123 subdomain must "
                + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                + "alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        bad(Kinds.SECRET, V1.Secret.newBuilder().setMetadata(meta("s")).setType("kubernetes.io/tls").build(),
            "Secret \"s\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]"),
        bad(Kinds.SECRET, V1.Secret.newBuilder().setMetadata(meta("s")).setType("kubernetes.io/dockerconfigjson")
            .build(), "Secret \"s\" is invalid: data[.dockerconfigjson]: Required value"),
        bad(Kinds.SECRET, V1.Secret.newBuilder().setMetadata(meta("s")).setType("kubernetes.io/service-account-token")
            .build(), "Secret \"s\" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required "
            + "value"),
        bad(Kinds.SECRET, V1.Secret.newBuilder().setMetadata(meta("s")).setType("kubernetes.io/basic-auth").build(),
            "Secret \"s\" is invalid: [data[%s][username]: Required value, data[%s][password]: Required value]"),
        bad(Kinds.SECRET, V1.Secret.newBuilder().setMetadata(meta("s")).putData("a/b", ByteString.EMPTY).build(),
            "Secret \"s\" is invalid: data[a/b]: Invalid value: \"a/b\": " + KEY),
        bad(Kinds.SERVICE_ACCOUNT, V1.ServiceAccount.newBuilder().setMetadata(meta("Sa_1")).build(),
            "ServiceAccount \"Sa_1\" is invalid: metadata.name: Invalid value: \"Sa_1\": a lowercase RFC 1123 "
                + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        bad(Kinds.ENDPOINTS, V1.Endpoints.newBuilder().setMetadata(meta("ep")).addSubsets(V1.EndpointSubset.newBuilder()
            .addAddresses(V1.EndpointAddress.newBuilder().setIp("10.0.0.300"))
            .addPorts(V1.EndpointPort.newBuilder().setPort(0))).build(),
            "Endpoints \"ep\" is invalid: [subsets[0].addresses[0].ip: Invalid value: \"10.0.0.300\": must be a valid "
                + "IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].ports[0].port: Invalid value: 0: must be "
                + "between 1 and 65535, inclusive]"),
        bad(Kinds.ENDPOINTS, V1.Endpoints.newBuilder().setMetadata(meta("ep"))
            .addSubsets(V1.EndpointSubset.getDefaultInstance()).build(),
            "Endpoints \"ep\" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"),
        bad(Kinds.PERSISTENT_VOLUME, V1.PersistentVolume.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("pv"))
            .build(), "PersistentVolume \"pv\" is invalid: [spec.accessModes: Required value, spec.capacity: "
                + "Required value, spec: Required value: must specify a volume type]"),
        bad(Kinds.PERSISTENT_VOLUME_CLAIM, V1.PersistentVolumeClaim.newBuilder().setMetadata(meta("c")).build(),
            "PersistentVolumeClaim \"c\" is invalid: [spec.accessModes: Required value: at least 1 access mode is "
                + "required, spec.resources[storage]: Required value]"),
        bad(Kinds.PERSISTENT_VOLUME_CLAIM, claim("c", "0"),
            "PersistentVolumeClaim \"c\" is invalid: spec.resources[storage]: Invalid value: \"0\": must be greater "
                + "than zero"),
        bad(Kinds.RESOURCE_QUOTA, V1.ResourceQuota.newBuilder().setMetadata(meta("q")).setSpec(
            V1.ResourceQuotaSpec.newBuilder().putHard("pods", q("-1")).putHard("services", q("1.5"))).build(),
            "ResourceQuota \"q\" is invalid: [spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal "
                + "to 0, spec.hard[services]: Invalid value: \"1.5\": must be an integer]"),
        bad(Kinds.LIMIT_RANGE, V1.LimitRange.newBuilder().setMetadata(meta("l")).setSpec(V1.LimitRangeSpec.newBuilder()
            .addLimits(V1.LimitRangeItem.newBuilder().setType("Container").putMin("cpu", q("2"))
                .putMax("cpu", q("1")))).build(),
            "LimitRange \"l\" is invalid: [spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than "
                + "max value 1, spec.limits[0].defaultRequest[cpu]: Invalid value: \"1\": min value 2 is greater than "
                + "default request value 1, spec.limits[0].default[cpu]: Invalid value: \"2\": min value 2 is greater "
                + "than default value 1]"),
        bad(Kinds.POD_DISRUPTION_BUDGET, pdb("b", IntOrString.newBuilder().setType(1).setStrVal("150%").build()),
            "PodDisruptionBudget.policy \"b\" is invalid: spec.minAvailable: Invalid value: \"150%\": must not be "
                + "greater than 100%"),
        bad(Kinds.POD_DISRUPTION_BUDGET, pdb("b", IntOrString.newBuilder().setType(1).setStrVal("half").build()),
            "PodDisruptionBudget.policy \"b\" is invalid: spec.minAvailable: Invalid value: \"half\": a valid percent "
                + "string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for "
                + "validation is '[0-9]+%')"),
        bad(Kinds.SERVICE, service(V1.ServiceSpec.newBuilder().addPorts(port("a", 80, 0))
            .addPorts(port("a", 81, 0)).addPorts(port("", 82, 0))),
            "Service \"web\" is invalid: [spec.ports[1].name: Duplicate value: \"a\", spec.ports[2].name: Required "
                + "value]"),
        bad(Kinds.SERVICE, service(V1.ServiceSpec.newBuilder().addPorts(port("", 80, 0).toBuilder()
            .setProtocol("ICMP").setTargetPort(IntOrString.newBuilder().setType(1).setStrVal("http--x")))),
            "Service \"web\" is invalid: [spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: "
                + "\"SCTP\", \"TCP\", \"UDP\", spec.ports[0].targetPort: Invalid value: \"http--x\": must not contain "
                + "consecutive hyphens]"),
        bad(Kinds.SERVICE, service(V1.ServiceSpec.newBuilder().addPorts(port("", 80, 30080))),
            "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is "
                + "'ClusterIP'"),
        bad(Kinds.SERVICE, service(V1.ServiceSpec.newBuilder().setType("NodePort").addPorts(port("", 80, 80))),
            "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid "
                + "range. The range of valid ports is 30000-32767"),
        bad(Kinds.SERVICE, service(V1.ServiceSpec.newBuilder().setType("Magic").addPorts(port("", 80, 0))),
            "Service \"web\" is invalid: spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", "
                + "\"ExternalName\", \"LoadBalancer\", \"NodePort\""));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badObjects")
  void badObjectsAreRefusedWithUpstreamsMessageAndNotStored(Kind kind, Message obj, String message) {
    ApiException e = fails(() -> registry.create(kind, "default", obj, false));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals(message, e.getMessage());
    assertTrue(registry.list(kind, ListQuery.all(kind.namespaced() ? "default" : "")).items().stream()
        .noneMatch(m -> windlass.client.ObjectMetas.of(m).getName().equals(windlass.client.ObjectMetas.of(obj)
            .getName())), "nothing stored");
  }

  private static Arguments bad(Kind kind, Message obj, String message) {
    return Arguments.of(kind, obj, message);
  }

  static ObjectMeta.Builder meta(String name) {
    return ObjectMeta.newBuilder().setName(name);
  }

  static Quantity q(String s) {
    return Quantity.newBuilder().setString(s).build();
  }

  static V1.PersistentVolumeClaim claim(String name, String storage) {
    return V1.PersistentVolumeClaim.newBuilder().setMetadata(meta(name)).setSpec(V1.PersistentVolumeClaimSpec
        .newBuilder().addAccessModes("ReadWriteOnce").setResources(V1.VolumeResourceRequirements.newBuilder()
            .putRequests("storage", q(storage)))).build();
  }

  static V1Policy.PodDisruptionBudget pdb(String name, IntOrString minAvailable) {
    return V1Policy.PodDisruptionBudget.newBuilder().setMetadata(meta(name)).setSpec(V1Policy.PodDisruptionBudgetSpec
        .newBuilder().setMinAvailable(minAvailable)
        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))).build();
  }

  private static V1.Service service(V1.ServiceSpec.Builder spec) {
    return V1.Service.newBuilder().setMetadata(meta("web")).setSpec(spec).build();
  }

  private static V1.ServicePort port(String name, int port, int nodePort) {
    return V1.ServicePort.newBuilder().setName(name).setPort(port).setNodePort(nodePort).build();
  }
}
