package windlass.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1beta1Apiextensions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectCodecTest {

  static String resource(String name) {
    try (InputStream in = ObjectCodecTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object tree(String resourceName) {
    List<Object> docs = Manifests.parse(resource(resourceName));
    assertEquals(1, docs.size());
    return docs.get(0);
  }

  /** The tree as upstream would write it back: nulls dropped. */
  static Object normalized(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> {
        if (val != null) {
          out.put((String) k, normalized(val));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(o -> out.add(normalized(o)));
      return out;
    }
    return v;
  }

  static Message resolve(Meta.TypeMeta tm) {
    switch (tm.getApiVersion() + " " + tm.getKind()) {
      case "apps/v1 Deployment":
        return V1Apps.Deployment.getDefaultInstance();
      case "v1 Pod":
        return V1.Pod.getDefaultInstance();
      case "v1 Service":
        return V1.Service.getDefaultInstance();
      case "v1 Secret":
        return V1.Secret.getDefaultInstance();
      default:
        return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  // ---------------------------------------------------------------- upstream examples

  @Test
  void nginxDeploymentDecodesAndRoundTrips() {
    Object tree = tree("nginx-deployment.yaml");
    V1Apps.Deployment d = ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance());
    assertEquals("nginx-deployment", d.getMetadata().getName());
    assertEquals("nginx", d.getMetadata().getLabelsMap().get("app"));
    assertEquals(3, d.getSpec().getReplicas());
    assertEquals("nginx", d.getSpec().getSelector().getMatchLabelsMap().get("app"));
    V1.Container c = d.getSpec().getTemplate().getSpec().getContainers(0);
    assertEquals("nginx:1.14.2", c.getImage());
    assertEquals(80, c.getPorts(0).getContainerPort());
    assertFalse(c.getPorts(0).hasProtocol());

    Map<String, Object> back = ObjectCodec.toObjectTree(d, "apps/v1", "Deployment");
    assertEquals(normalized(tree), back);
    assertEquals(List.of("apiVersion", "kind", "metadata", "spec"), new ArrayList<>(back.keySet()));
  }

  @Test
  void nginxDeploymentPrintsAsTheDocsWriteIt() {
    String text = resource("nginx-deployment.yaml");
    Message d = Manifests.decode(text, ObjectCodecTest::resolve).get(0);
    assertEquals(text, Yaml.print(ObjectCodec.toObjectTree(d, "apps/v1", "Deployment")));
  }

  @Test
  void resourceQuantitiesStayStrings() {
    Object tree = tree("pod-resources.yaml");
    V1.Pod pod = (V1.Pod) ObjectCodec.decodeObject(tree, ObjectCodecTest::resolve);
    V1.ResourceRequirements app = pod.getSpec().getContainers(0).getResources();
    assertEquals("250m", app.getRequestsMap().get("cpu").getString());
    assertEquals("64Mi", app.getRequestsMap().get("memory").getString());
    assertEquals("500m", app.getLimitsMap().get("cpu").getString());
    assertEquals("128Mi", app.getLimitsMap().get("memory").getString());
    // cpu: 1 (a YAML number) becomes the quantity "1"
    assertEquals("1", pod.getSpec().getContainers(1).getResources().getRequestsMap().get("cpu").getString());

    Map<String, Object> expected = map(normalized(tree));
    Map<String, Object> requests = map(map(map(list(map(expected.get("spec")).get("containers")).get(1))
        .get("resources")).get("requests"));
    assertEquals(1L, requests.get("cpu"));
    requests.put("cpu", "1");
    assertEquals(expected, ObjectCodec.toObjectTree(pod, "v1", "Pod"));
  }

  @Test
  void serviceTargetPortIsIntOrString() {
    Object tree = tree("service.yaml");
    V1.Service svc = ObjectCodec.fromTree(tree, V1.Service.getDefaultInstance());
    IntStr.IntOrString byNumber = svc.getSpec().getPorts(0).getTargetPort();
    assertEquals(0, byNumber.getType());
    assertEquals(9376, byNumber.getIntVal());
    assertFalse(byNumber.hasStrVal());
    IntStr.IntOrString byName = svc.getSpec().getPorts(1).getTargetPort();
    assertEquals(1, byName.getType());
    assertEquals("http-web-svc", byName.getStrVal());
    assertEquals(443, svc.getSpec().getPorts(1).getPort());
    assertEquals("MyApp", svc.getSpec().getSelectorMap().get("app.kubernetes.io/name"));
    assertEquals(normalized(tree), ObjectCodec.toObjectTree(svc, "v1", "Service"));
  }

  @Test
  void secretDataIsBase64() {
    Object tree = tree("secret.yaml");
    V1.Secret s = ObjectCodec.fromTree(tree, V1.Secret.getDefaultInstance());
    assertEquals(ByteString.copyFromUtf8("admin"), s.getDataMap().get("USER_NAME"));
    assertEquals(ByteString.copyFromUtf8("1f2d1e2e67df"), s.getDataMap().get("PASSWORD"));
    assertEquals("Opaque", s.getType());
    Map<String, Object> back = ObjectCodec.toObjectTree(s, "v1", "Secret");
    assertEquals(normalized(tree), back);
    // map keys come out sorted, as Go writes maps
    assertEquals(List.of("PASSWORD", "USER_NAME"), new ArrayList<>(map(back.get("data")).keySet()));
  }

  @Test
  void podWithTimesManagedFieldsAndInlineStructs() {
    Object tree = tree("pod-status.yaml");
    V1.Pod pod = ObjectCodec.fromTree(tree, V1.Pod.getDefaultInstance());
    Meta.ObjectMeta md = pod.getMetadata();
    assertEquals(1795416650L, md.getCreationTimestamp().getSeconds()); // 2026-11-23T06:50:50Z
    assertEquals(0, md.getCreationTimestamp().getNanos());
    assertEquals("4711", md.getResourceVersion());
    assertTrue(md.getOwnerReferences(0).getController());
    assertEquals("{\"f:metadata\":{\"f:generateName\":{},\"f:labels\":{\".\":{},\"f:app\":{}}}}",
        md.getManagedFields(0).getFieldsV1().getRaw().toStringUtf8());

    V1.Container c = pod.getSpec().getContainers(0);
    assertEquals("/healthz", c.getLivenessProbe().getHandler().getHttpGet().getPath());
    assertEquals(80, c.getLivenessProbe().getHandler().getHttpGet().getPort().getIntVal());
    assertEquals(3, c.getLivenessProbe().getFailureThreshold());
    assertEquals("web-config",
        c.getEnv(0).getValueFrom().getConfigMapKeyRef().getLocalObjectReference().getName());
    assertTrue(c.hasResources());
    V1.Volume v = pod.getSpec().getVolumes(0);
    assertEquals("web-config", v.getVolumeSource().getConfigMap().getLocalObjectReference().getName());
    assertEquals(420, v.getVolumeSource().getConfigMap().getDefaultMode()); // 0644
    assertEquals("True", pod.getStatus().getConditions(0).getStatus());
    assertFalse(pod.getStatus().getConditions(0).hasLastProbeTime());

    Map<String, Object> expected = map(normalized(tree));
    map(map(list(map(expected.get("spec")).get("volumes")).get(0)).get("configMap")).put("defaultMode", 420L);
    assertEquals(expected, ObjectCodec.toObjectTree(pod, "v1", "Pod"));
  }

  @Test
  void jsonRoundTrip() {
    V1.Pod pod = ObjectCodec.fromTree(tree("pod-status.yaml"), V1.Pod.getDefaultInstance());
    String json = Json.printPretty(ObjectCodec.toObjectTree(pod, "v1", "Pod"));
    assertTrue(json.startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n    \"metadata\": {\n"));
    List<Object> trees = Manifests.parse(json);
    assertEquals(pod, ObjectCodec.fromTree(trees.get(0), V1.Pod.getDefaultInstance()));
    String compact = Json.print(ObjectCodec.toObjectTree(pod, "v1", "Pod"));
    assertEquals(pod, ObjectCodec.fromTree(Json.parse(compact), V1.Pod.getDefaultInstance()));
    assertEquals(Json.parse(json), Json.parse(compact));
  }

  @Test
  void yamlRoundTrip() {
    V1.Pod pod = ObjectCodec.fromTree(tree("pod-status.yaml"), V1.Pod.getDefaultInstance());
    String yaml = Yaml.print(ObjectCodec.toObjectTree(pod, "v1", "Pod"));
    assertTrue(yaml.contains("  creationTimestamp: \"2026-11-23T06:50:50Z\"\n"), yaml);
    assertTrue(yaml.contains("    status: \"True\"\n"), yaml);
    assertEquals(pod, ObjectCodec.fromTree(Yaml.parse(yaml), V1.Pod.getDefaultInstance()));
  }

  @Test
  void ingressRuleValueIsInline() {
    String text = resource("ingress.yaml");
    Object tree = Yaml.parse(text);
    V1Networking.Ingress ing = ObjectCodec.fromTree(tree, V1Networking.Ingress.getDefaultInstance());
    V1Networking.HTTPIngressPath path = ing.getSpec().getRules(0).getIngressRuleValue().getHttp().getPaths(0);
    assertEquals("/testpath", path.getPath());
    assertEquals(80, path.getBackend().getService().getPort().getNumber());
    assertEquals(text, Yaml.print(ObjectCodec.toObjectTree(ing, "networking.k8s.io/v1", "Ingress")));
  }

  @Test
  void configMapFilesPrintAsLiteralBlocks() {
    String text = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: game-demo
        data:
          game.properties: |
            enemy.types=aliens,monsters
            player.maximum-lives=5
          player_initial_lives: "3"
          ui_properties_file_name: user-interface.properties
        """;
    V1.ConfigMap cm = ObjectCodec.fromTree(Yaml.parse(text), V1.ConfigMap.getDefaultInstance());
    assertEquals("enemy.types=aliens,monsters\nplayer.maximum-lives=5\n", cm.getDataMap().get("game.properties"));
    assertEquals(text, Yaml.print(ObjectCodec.toObjectTree(cm, "v1", "ConfigMap")));
  }

  // ---------------------------------------------------------------- errors

  static Object deploymentWith(String from, String to) {
    String text = resource("nginx-deployment.yaml");
    assertTrue(text.contains(from));
    return Yaml.parse(text.replace(from, to));
  }

  @Test
  void unknownFieldNamesThePath() {
    Object tree = deploymentWith("        image: nginx", "        imagee: nginx");
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance()));
    assertEquals("strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"", e.getMessage());
    assertEquals("spec.template.spec.containers[0].imagee", e.path());
  }

  @Test
  void allUnknownFieldsAreReported() {
    Object tree = deploymentWith("  replicas: 3\n", "  replica: 3\n  paused: true\n  extra: {a: 1}\n");
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance()));
    assertEquals("strict decoding error: unknown field \"spec.replica\", unknown field \"spec.extra\"",
        e.getMessage());
    assertEquals(List.of("spec.replica", "spec.extra"), e.unknownFields());

    List<String> seen = new ArrayList<>();
    V1Apps.Deployment d = ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance(), seen::add);
    assertEquals(List.of("spec.replica", "spec.extra"), seen);
    assertTrue(d.getSpec().getPaused());
  }

  @Test
  void apiVersionAndKindAreSkippedAtTheTopOnly() {
    Object tree = deploymentWith("  replicas: 3\n", "  replicas: 3\n  kind: Foo\n");
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance()));
    assertEquals("spec.kind", e.path());
    // kind is a real field of OwnerReference, so it is decoded there
    V1.Pod pod = ObjectCodec.fromTree(tree("pod-status.yaml"), V1.Pod.getDefaultInstance());
    assertEquals("ReplicaSet", pod.getMetadata().getOwnerReferences(0).getKind());
  }

  @Test
  void wrongTypeUsesGoWordingAndIndexedPath() {
    Object tree = deploymentWith("containerPort: 80", "containerPort: \"80\"");
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.fromTree(tree, V1Apps.Deployment.getDefaultInstance()));
    assertEquals("json: cannot unmarshal string into Go struct field "
        + "ContainerPort.spec.template.spec.containers.ports.containerPort of type int32", e.getMessage());
    assertEquals("spec.template.spec.containers[0].ports[0].containerPort", e.path());
  }

  @Test
  void wrongTypeForListsMapsAndNumbers() {
    CodecException e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        deploymentWith("      containers:\n      - name: nginx", "      containers:\n        name: nginx"),
        V1Apps.Deployment.getDefaultInstance()));
    assertEquals("json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers"
        + " of type []v1.Container", e.getMessage());
    assertEquals("spec.template.spec.containers", e.path());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        deploymentWith("  labels:\n    app: nginx", "  labels:\n    app: 7"), V1Apps.Deployment.getDefaultInstance()));
    assertEquals("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
        e.getMessage());
    assertEquals("metadata.labels.app", e.path());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        deploymentWith("replicas: 3", "replicas: 1.5"), V1Apps.Deployment.getDefaultInstance()));
    assertEquals("json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
        e.getMessage());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        deploymentWith("replicas: 3", "replicas: 3000000000"), V1Apps.Deployment.getDefaultInstance()));
    assertEquals("json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas"
        + " of type int32", e.getMessage());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(List.of(), V1.Pod.getDefaultInstance()));
    assertEquals("json: cannot unmarshal array into Go value of type v1.Pod", e.getMessage());
  }

  @Test
  void inlineStructErrorsNameTheOuterStruct() {
    CodecException e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("spec:\n  volumes:\n  - name: c\n    configMap:\n      name: 5\n"), V1.Pod.getDefaultInstance()));
    assertEquals("json: cannot unmarshal number into Go struct field ConfigMapVolumeSource.spec.volumes.configMap.name"
        + " of type string", e.getMessage());
    assertEquals("spec.volumes[0].configMap.name", e.path());
    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("spec:\n  volumes:\n  - name: c\n    configMap: x\n    emptyDirr: {}\n"),
        V1.Pod.getDefaultInstance()));
    assertEquals("json: cannot unmarshal string into Go struct field Volume.spec.volumes.configMap"
        + " of type v1.ConfigMapVolumeSource", e.getMessage());
    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("spec:\n  volumes:\n  - name: c\n    emptyDirr: {}\n"), V1.Pod.getDefaultInstance()));
    assertEquals("spec.volumes[0].emptyDirr", e.path());
  }

  @Test
  void yaml11BooleansAreBooleansAsUpstream() {
    Object tree = Yaml.parse("spec:\n  containers:\n  - name: a\n    env:\n    - name: DEBUG\n      value: yes\n");
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.fromTree(tree, V1.Pod.getDefaultInstance()));
    assertEquals("json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string",
        e.getMessage());
    assertEquals("spec.containers[0].env[0].value", e.path());
    V1.Pod quoted = ObjectCodec.fromTree(
        Yaml.parse("spec:\n  containers:\n  - name: a\n    env:\n    - name: DEBUG\n      value: \"yes\"\n"),
        V1.Pod.getDefaultInstance());
    assertEquals("yes", quoted.getSpec().getContainers(0).getEnv(0).getValue());
  }

  @Test
  void badQuantityBase64AndTime() {
    CodecException e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("spec:\n  containers:\n  - resources:\n      limits:\n        cpu: lots\n"),
        V1.Pod.getDefaultInstance()));
    assertEquals("spec.containers[0].resources.limits.cpu", e.path());
    assertTrue(e.getMessage().startsWith("spec.containers[0].resources.limits.cpu: quantities must match"),
        e.getMessage());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("data:\n  k: abc$\n"), V1.Secret.getDefaultInstance()));
    assertEquals("data.k: illegal base64 data at input byte 3", e.getMessage());

    e = assertThrows(CodecException.class, () -> ObjectCodec.fromTree(
        Yaml.parse("metadata:\n  creationTimestamp: yesterday\n"), V1.Pod.getDefaultInstance()));
    assertEquals("metadata.creationTimestamp: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\":"
        + " not an RFC 3339 time", e.getMessage());
  }

  @Test
  void decodeObjectNeedsAKnownKind() {
    CodecException e = assertThrows(CodecException.class,
        () -> ObjectCodec.decodeObject(Yaml.parse("apiVersion: v1\nmetadata: {}\n"), ObjectCodecTest::resolve));
    assertEquals("Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{}}'", e.getMessage());
    e = assertThrows(CodecException.class,
        () -> ObjectCodec.decodeObject(Yaml.parse("apiVersion: v9\nkind: Pod\n"), ObjectCodecTest::resolve));
    assertEquals("no kind \"Pod\" is registered for version \"v9\"", e.getMessage());
    assertEquals(Meta.TypeMeta.newBuilder().setApiVersion("v1").setKind("Pod").build(),
        ObjectCodec.typeMeta(Yaml.parse("apiVersion: v1\nkind: Pod\n")));
  }

  // ---------------------------------------------------------------- special types

  @Test
  void quantityAsTopLevelAndFromNumbers() {
    Resource.Quantity q = ObjectCodec.fromTree("512Mi", Resource.Quantity.getDefaultInstance());
    assertEquals("512Mi", q.getString());
    assertEquals("512Mi", ObjectCodec.toTree(q));
    assertEquals("0.5", ObjectCodec.fromTree(0.5, Resource.Quantity.getDefaultInstance()).getString());
    assertEquals("100m", ObjectCodec.fromTree("100m", Resource.Quantity.getDefaultInstance()).getString());
  }

  @Test
  void timesAndMicroTimes() {
    Meta.Time t = Meta.Time.newBuilder().setSeconds(1795416650L).setNanos(123_456_789).build();
    assertEquals("2026-11-23T06:50:50Z", ObjectCodec.toTree(t)); // upstream drops the fraction
    Meta.MicroTime mt = Meta.MicroTime.newBuilder().setSeconds(1795416650L).setNanos(123_456_789).build();
    assertEquals("2026-11-23T06:50:50.123456Z", ObjectCodec.toTree(mt));
    Meta.MicroTime back = ObjectCodec.fromTree("2026-11-23T06:50:50.123456Z", Meta.MicroTime.getDefaultInstance());
    assertEquals(123_456_000, back.getNanos());
    Meta.Time offset = ObjectCodec.fromTree("2026-11-23T08:50:50+02:00", Meta.Time.getDefaultInstance());
    assertEquals(1795416650L, offset.getSeconds());

    V1.Event ev = ObjectCodec.fromTree(Yaml.parse("eventTime: \"2026-11-23T06:50:50.000001Z\"\ncount: 2\n"),
        V1.Event.getDefaultInstance());
    assertEquals(1000, ev.getEventTime().getNanos());
    assertEquals(Map.of("eventTime", "2026-11-23T06:50:50.000001Z", "count", 2L), ObjectCodec.toTree(ev));

    // Go's zero time is written as null, as upstream writes creationTimestamp: null
    Meta.ObjectMeta zero = Meta.ObjectMeta.newBuilder().setName("x")
        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(-62135596800L)).build();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("name", "x");
    expected.put("creationTimestamp", null);
    assertEquals(expected, ObjectCodec.toTree(zero));
  }

  @Test
  void durations() {
    assertEquals("1h0m0s", GoTime.formatDuration(3_600_000_000_000L));
    assertEquals("1m30s", GoTime.formatDuration(90_000_000_000L));
    assertEquals("1.5s", GoTime.formatDuration(1_500_000_000L));
    assertEquals("100ms", GoTime.formatDuration(100_000_000L));
    assertEquals("1.5µs", GoTime.formatDuration(1_500L));
    assertEquals("-2h45m0s", GoTime.formatDuration(-9_900_000_000_000L));
    assertEquals("0s", GoTime.formatDuration(0));
    assertEquals(9_900_000_000_000L, GoTime.parseDuration("2h45m"));
    assertEquals(1_500_000_000L, GoTime.parseDuration("1.5s"));
    assertEquals(-300_000_000L, GoTime.parseDuration("-300ms"));
    assertEquals(0, GoTime.parseDuration("0"));
    assertThrows(IllegalArgumentException.class, () -> GoTime.parseDuration("5"));
    assertThrows(IllegalArgumentException.class, () -> GoTime.parseDuration("5d"));
    Meta.Duration d = ObjectCodec.fromTree("10m", Meta.Duration.getDefaultInstance());
    assertEquals(600_000_000_000L, d.getDuration());
    assertEquals("10m0s", ObjectCodec.toTree(d));
  }

  @Test
  void rawExtensionHoldsNestedJson() {
    Object tree = Yaml.parse("type: ADDED\nobject:\n  apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n");
    Meta.WatchEvent ev = ObjectCodec.fromTree(tree, Meta.WatchEvent.getDefaultInstance());
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}",
        ev.getObject().getRaw().toStringUtf8());
    assertEquals(tree, ObjectCodec.toTree(ev));
    V1.Pod inner = (V1.Pod) ObjectCodec.decodeObject(
        Json.parse(ev.getObject().getRaw().toStringUtf8()), ObjectCodecTest::resolve);
    assertEquals("p", inner.getMetadata().getName());
  }

  @Test
  void renamedInlineAndSchemaFields() {
    Object hook = Yaml.parse("metadata:\n  name: v\nwebhooks:\n- name: w.example.com\n  rules:\n"
        + "  - apiGroups: [\"\"]\n    apiVersions: [v1]\n    operations: [CREATE]\n    resources: [pods]\n"
        + "  sideEffects: None\n  admissionReviewVersions: [v1]\n");
    V1Admissionregistration.ValidatingWebhookConfiguration vwc = ObjectCodec.fromTree(hook,
        V1Admissionregistration.ValidatingWebhookConfiguration.getDefaultInstance());
    V1Admissionregistration.RuleWithOperations rule = vwc.getWebhooks(0).getRules(0);
    assertEquals("CREATE", rule.getOperations(0));
    assertEquals("pods", rule.getRule().getResources(0));
    assertEquals(hook, ObjectCodec.toTree(vwc));

    Object schema = Yaml.parse("type: object\n$ref: '#/x'\nx-kubernetes-preserve-unknown-fields: true\n"
        + "properties:\n  spec:\n    type: array\n    items:\n      type: string\n"
        + "additionalProperties: false\ndefault: {a: [1, 2]}\nmaximum: 1.5\n");
    V1beta1Apiextensions.JSONSchemaProps p =
        ObjectCodec.fromTree(schema, V1beta1Apiextensions.JSONSchemaProps.getDefaultInstance());
    assertEquals("#/x", p.getRef());
    assertTrue(p.getXKubernetesPreserveUnknownFields());
    assertEquals("string", p.getPropertiesMap().get("spec").getItems().getSchema().getType());
    assertFalse(p.getAdditionalProperties().getAllows());
    assertEquals("{\"a\":[1,2]}", p.getDefault().getRaw().toStringUtf8());
    assertEquals(normalized(schema), ObjectCodec.toTree(p));

    Object user = Yaml.parse("username: alice\nextra:\n  scopes: [a, b]\n");
    V1Authentication.UserInfo ui = ObjectCodec.fromTree(user, V1Authentication.UserInfo.getDefaultInstance());
    assertEquals(List.of("a", "b"), ui.getExtraMap().get("scopes").getItemsList());
    assertEquals(user, ObjectCodec.toTree(ui));
  }

  @Test
  void dynamicMessagesWhenOnlyADescriptorIsGiven() {
    Message m = ObjectCodec.fromTree(tree("service.yaml"), V1.Service.getDescriptor());
    assertInstanceOf(V1.Service.class, m);
    assertSame(V1.Service.getDefaultInstance(), ObjectCodec.defaultInstance(V1.Service.getDescriptor()));
  }
}
