package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static windlass.apiserver.registry.GroupObjects.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.Kinds;

/** Bad objects of the non-core kinds: upstream's message, byte for byte, and nothing stored. */
class GroupKindsValidationTest extends RegistryTestBase {
  private static final String SUPPORTED_SOURCES =
      "supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"";

  static Stream<Arguments> badObjects() {
    V1Apps.DaemonSet ds = GroupObjects.daemonSet("ds");
    V1Apps.StatefulSet sts = GroupObjects.statefulSet("db");
    V1Batch.Job job = GroupObjects.job("pi");
    V2Autoscaling.HorizontalPodAutoscaler hpa = GroupObjects.hpa("h", 5);
    V1Rbac.Role role = GroupObjects.role("r");
    return Stream.of(
        bad("a DaemonSet without a selector selects nothing", Kinds.DAEMON_SET,
            ds.toBuilder().setSpec(ds.getSpec().toBuilder().clearSelector()).build(),
            "DaemonSet.apps \"ds\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"ds\"}: `selector` does not match template `labels`"),
        bad("an empty DaemonSet selector", Kinds.DAEMON_SET,
            ds.toBuilder().setSpec(ds.getSpec().toBuilder().setSelector(Meta.LabelSelector.getDefaultInstance()))
                .build(),
            "DaemonSet.apps \"ds\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
                + "map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is "
                + "invalid for daemonset"),
        bad("a DaemonSet pod that does not restart", Kinds.DAEMON_SET,
            ds.toBuilder().setSpec(ds.getSpec().toBuilder().setTemplate(
                GroupObjects.template(Map.of("app", "ds"), "OnFailure"))).build(),
            "DaemonSet.apps \"ds\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": "
                + "supported values: \"Always\""),
        bad("a StatefulSet without a selector", Kinds.STATEFUL_SET,
            sts.toBuilder().setSpec(sts.getSpec().toBuilder().clearSelector()).build(),
            "StatefulSet.apps \"db\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: "
                + "Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`]"),
        bad("a StatefulSet with an unknown pod management policy", Kinds.STATEFUL_SET,
            sts.toBuilder().setSpec(sts.getSpec().toBuilder().setPodManagementPolicy("Random")).build(),
            "StatefulSet.apps \"db\" is invalid: spec.podManagementPolicy: Invalid value: \"Random\": must be "
                + "'OrderedReady' or 'Parallel'"),
        bad("a ControllerRevision without data", Kinds.CONTROLLER_REVISION,
            GroupObjects.revision("rev").toBuilder().clearData().build(),
            "ControllerRevision.apps \"rev\" is invalid: data: Required value: data is mandatory"),
        bad("a Job whose pods would restart forever", Kinds.JOB,
            job.toBuilder().setSpec(job.getSpec().toBuilder().setTemplate(Objects.template(Map.of()))).build(),
            "Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "
                + "\"OnFailure\", \"Never\""),
        bad("a manual Job selector that misses the template", Kinds.JOB,
            job.toBuilder().setSpec(job.getSpec().toBuilder().setManualSelector(true)
                .setSelector(GroupObjects.selector(Map.of("app", "x")))).build(),
            "Job.batch \"pi\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): "
                + "`selector` does not match template `labels`"),
        bad("an Indexed Job without completions", Kinds.JOB,
            job.toBuilder().setSpec(job.getSpec().toBuilder().setCompletionMode("Indexed").setParallelism(2))
                .build(),
            "Job.batch \"pi\" is invalid: spec.completions: Required value: when completion mode is Indexed"),
        bad("a CronJob without a schedule", Kinds.CRON_JOB, GroupObjects.cronJob("c", ""),
            "CronJob.batch \"c\" is invalid: spec.schedule: Required value"),
        bad("a CronJob schedule with three fields", Kinds.CRON_JOB, GroupObjects.cronJob("c", "* * *"),
            "CronJob.batch \"c\" is invalid: spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, "
                + "found 3: [* * *]"),
        bad("a CronJob schedule past the last minute", Kinds.CRON_JOB, GroupObjects.cronJob("c", "61 * * * *"),
            "CronJob.batch \"c\" is invalid: spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above "
                + "maximum (59): 61"),
        bad("a CronJob with an unknown concurrency policy", Kinds.CRON_JOB,
            GroupObjects.cronJob("c", "@hourly").toBuilder().setSpec(GroupObjects.cronJob("c", "@hourly").getSpec()
                .toBuilder().setConcurrencyPolicy("Sometimes")).build(),
            "CronJob.batch \"c\" is invalid: spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported "
                + "values: \"Allow\", \"Forbid\", \"Replace\""),
        bad("a CronJob name the controller could not suffix", Kinds.CRON_JOB,
            GroupObjects.cronJob("c".repeat(53), "@daily"),
            "CronJob.batch \"" + "c".repeat(53) + "\" is invalid: metadata.name: Invalid value: \"" + "c".repeat(53)
                + "\": must be no more than 52 characters"),
        bad("an HPA whose maximum is below its minimum", Kinds.HORIZONTAL_POD_AUTOSCALER,
            hpa.toBuilder().setSpec(hpa.getSpec().toBuilder().setMinReplicas(3).setMaxReplicas(2)).build(),
            "HorizontalPodAutoscaler.autoscaling \"h\" is invalid: spec.maxReplicas: Invalid value: 2: must be "
                + "greater than or equal to `minReplicas`"),
        bad("an HPA metric without a type", Kinds.HORIZONTAL_POD_AUTOSCALER,
            hpa.toBuilder().setSpec(hpa.getSpec().toBuilder().addMetrics(V2Autoscaling.MetricSpec
                .getDefaultInstance())).build(),
            "HorizontalPodAutoscaler.autoscaling \"h\" is invalid: [spec.metrics[0].type: Required value: must "
                + "specify a metric source type, spec.metrics[0].type: Unsupported value: \"\": "
                + SUPPORTED_SOURCES + "]"),
        bad("an HPA without a target kind", Kinds.HORIZONTAL_POD_AUTOSCALER,
            hpa.toBuilder().setSpec(hpa.getSpec().toBuilder().setScaleTargetRef(hpa.getSpec().getScaleTargetRef()
                .toBuilder().clearKind())).build(),
            "HorizontalPodAutoscaler.autoscaling \"h\" is invalid: spec.scaleTargetRef.kind: Required value"),
        bad("an EndpointSlice without an address type", Kinds.ENDPOINT_SLICE,
            GroupObjects.endpointSlice("es", "", "10.0.0.1"),
            "EndpointSlice.discovery.k8s.io \"es\" is invalid: addressType: Required value"),
        bad("an EndpointSlice with a malformed IPv4 address", Kinds.ENDPOINT_SLICE,
            GroupObjects.endpointSlice("es", "IPv4", "10.0.0.300"),
            "EndpointSlice.discovery.k8s.io \"es\" is invalid: endpoints[0].addresses[0]: Invalid value: "
                + "\"10.0.0.300\": must be a valid IPv4 address"),
        bad("an EndpointSlice pointing at loopback", Kinds.ENDPOINT_SLICE,
            GroupObjects.endpointSlice("es", "IPv4", "127.0.0.1"),
            "EndpointSlice.discovery.k8s.io \"es\" is invalid: endpoints[0].addresses[0]: Invalid value: "
                + "\"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"),
        bad("an EndpointSlice endpoint without addresses", Kinds.ENDPOINT_SLICE,
            GroupObjects.endpointSlice("es", "IPv4"),
            "EndpointSlice.discovery.k8s.io \"es\" is invalid: endpoints[0].addresses: Required value: must "
                + "contain at least 1 address"),
        bad("an Ingress path without a pathType", Kinds.INGRESS,
            GroupObjects.ingress("ing", GroupObjects.path("/", null)),
            "Ingress.networking.k8s.io \"ing\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: "
                + "pathType must be specified"),
        bad("an Ingress Prefix path that is relative", Kinds.INGRESS,
            GroupObjects.ingress("ing", GroupObjects.path("api", "Prefix")),
            "Ingress.networking.k8s.io \"ing\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "
                + "\"api\": must be an absolute path"),
        bad("an Ingress with neither rules nor a default backend", Kinds.INGRESS,
            V1Networking.Ingress.newBuilder().setMetadata(meta("ing")).build(),
            "Ingress.networking.k8s.io \"ing\" is invalid: spec: Invalid value: []networking.IngressRule(nil): "
                + "either `defaultBackend` or `rules` must be specified"),
        bad("a Role rule without verbs", Kinds.ROLE,
            role.toBuilder().setRules(0, GroupObjects.rule()).build(),
            "Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].verbs: Required value: verbs must contain "
                + "at least one value"),
        bad("a Role rule on non-resource URLs", Kinds.ROLE,
            role.toBuilder().setRules(0, V1Rbac.PolicyRule.newBuilder().addVerbs("get").addNonResourceURLs(
                "/healthz")).build(),
            "Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].nonResourceURLs: Invalid value: "
                + "[]string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs"),
        bad("a RoleBinding to something that is not a role", Kinds.ROLE_BINDING,
            GroupObjects.roleBinding("rb", "r").toBuilder().setRoleRef(V1Rbac.RoleRef.newBuilder().setKind("Pod")
                .setName("r")).build(),
            "RoleBinding.rbac.authorization.k8s.io \"rb\" is invalid: roleRef.kind: Unsupported value: \"Pod\": "
                + "supported values: \"Role\", \"ClusterRole\""),
        bad("a ClusterRoleBinding service account without a namespace", Kinds.CLUSTER_ROLE_BINDING,
            GroupObjects.clusterRoleBinding("crb", "view").toBuilder().setSubjects(0, V1Rbac.Subject.newBuilder()
                .setKind("ServiceAccount").setName("default")).build(),
            "ClusterRoleBinding.rbac.authorization.k8s.io \"crb\" is invalid: subjects[0].namespace: Required value"),
        bad("a CSR without a signer", Kinds.CERTIFICATE_SIGNING_REQUEST,
            GroupObjects.csr("c", GroupObjects.CSR_PEM).toBuilder().setSpec(GroupObjects.csr("c",
                GroupObjects.CSR_PEM).getSpec().toBuilder().clearSignerName()).build(),
            "CertificateSigningRequest.certificates.k8s.io \"c\" is invalid: spec.signerName: Required value"),
        bad("a CSR whose request is not PEM", Kinds.CERTIFICATE_SIGNING_REQUEST, GroupObjects.csr("c", "hello"),
            "CertificateSigningRequest.certificates.k8s.io \"c\" is invalid: spec.request: Invalid value: "
                + "[]byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type must be CERTIFICATE REQUEST"),
        bad("a CSR whose signature does not verify", Kinds.CERTIFICATE_SIGNING_REQUEST,
            GroupObjects.csr("c", tampered(GroupObjects.CSR_PEM)), null));
  }

  private static Arguments bad(String what, Kind kind, Message obj, String message) {
    return Arguments.of(what, kind, obj, message);
  }

  /** The request with the last byte of its signature changed. */
  private static String tampered(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    der[der.length - 1] ^= 0x01;
    return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badObjects")
  void badObjectsAreRefusedWithUpstreamsMessageAndNotStored(String what, Kind kind, Message obj, String message) {
    String ns = kind.namespaced() ? "default" : "";
    ApiException e = fails(() -> registry.create(kind, ns, obj, false));
    assertEquals(Code.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertEquals("Invalid", e.reason());
    if (message != null) {
      assertEquals(message, e.getMessage());
    } else {
      assertTrue(e.getMessage().startsWith("CertificateSigningRequest.certificates.k8s.io \"c\" is invalid: "
          + "spec.request: Invalid value: []byte{0x2d, 0x2d"), e.getMessage());
      assertTrue(e.getMessage().endsWith("}: x509: ECDSA verification failure"), e.getMessage());
    }
    assertEquals(List.of(), registry.list(kind, ListQuery.all(ns)).items(), "nothing stored");
  }

  @org.junit.jupiter.api.Test
  void aGoodCsrIsAccepted() {
    V1Certificates.CertificateSigningRequest c = (V1Certificates.CertificateSigningRequest) registry.create(
        Kinds.CERTIFICATE_SIGNING_REQUEST, "", GroupObjects.csr("node-csr", GroupObjects.CSR_PEM), false);
    assertEquals("", c.getMetadata().getNamespace());
    assertEquals(ByteString.copyFromUtf8(GroupObjects.CSR_PEM), c.getSpec().getRequest());
  }

  @org.junit.jupiter.api.Test
  void aJobSelectorMustBeGeneratedUnlessManual() {
    V1Batch.Job job = GroupObjects.job("pi");
    V1Batch.Job withSelector = job.toBuilder().setSpec(job.getSpec().toBuilder()
        .setSelector(GroupObjects.selector(Map.of("app", "pi")))
        .setTemplate(GroupObjects.template(Map.of("app", "pi"), "Never"))).build();
    ApiException e = fails(() -> registry.create(Kinds.JOB, "default", withSelector, false));
    assertTrue(e.getMessage().startsWith("Job.batch \"pi\" is invalid: spec.selector: Invalid value: "
        + "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"pi\", \"batch.kubernetes.io/controller-uid\":"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("}: `selector` not auto-generated"), e.getMessage());
  }
}
