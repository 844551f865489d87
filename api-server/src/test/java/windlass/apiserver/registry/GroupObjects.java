package windlass.apiserver.registry;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V2Autoscaling;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Valid objects of the non-core kinds, minimal as a user would write them; tests break one field each. */
final class GroupObjects {
  /** An EC P-256 request for CN=system:node:n1, O=system:nodes, made with openssl. */
  static final String CSR_PEM = """
      -----BEGIN CERTIFICATE REQUEST-----
      MIHrMIGSAgEAMDAxFzAVBgNVBAMMDnN5c3RlbTpub2RlOm4xMRUwEwYDVQQKDAxz
      eXN0ZW06bm9kZXMwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ8tZg+lNV43D0V
      xCTk13mY/aO3nwInLhQlwQDYrFbSKd2gQhqoRxgP/kXdpBhJd0BQ0Se0kSeqmCKC
      /Bz8koKBoAAwCgYIKoZIzj0EAwIDSAAwRQIhAPofk+C21xh9kxPWNyZJcwHE6+ty
      P7R4ZmzS5VGHf4r6AiBf5S7STjf35y6E5DIcG8lmJ0zmfsq/kuPtmUzjIU1IBQ==
      -----END CERTIFICATE REQUEST-----
      """;

  private GroupObjects() {}

  static ObjectMeta meta(String name) {
    return ObjectMeta.newBuilder().setName(name).build();
  }

  static Meta.LabelSelector selector(Map<String, String> labels) {
    return Meta.LabelSelector.newBuilder().putAllMatchLabels(labels).build();
  }

  static V1.PodTemplateSpec template(Map<String, String> labels, String restartPolicy) {
    V1.PodTemplateSpec t = Objects.template(labels);
    return t.toBuilder().setSpec(t.getSpec().toBuilder().setRestartPolicy(restartPolicy)).build();
  }

  static V1Apps.DaemonSet daemonSet(String name) {
    Map<String, String> l = Map.of("app", name);
    return V1Apps.DaemonSet.newBuilder().setMetadata(meta(name)).setSpec(V1Apps.DaemonSetSpec.newBuilder()
        .setSelector(selector(l)).setTemplate(Objects.template(l))).build();
  }

  static V1Apps.StatefulSet statefulSet(String name) {
    Map<String, String> l = Map.of("app", name);
    return V1Apps.StatefulSet.newBuilder().setMetadata(meta(name)).setSpec(V1Apps.StatefulSetSpec.newBuilder()
        .setServiceName(name).setSelector(selector(l)).setTemplate(Objects.template(l))).build();
  }

  static V1Apps.ControllerRevision revision(String name) {
    return V1Apps.ControllerRevision.newBuilder().setMetadata(meta(name)).setRevision(1)
        .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{}}"))).build();
  }

  static V1Batch.Job job(String name) {
    return V1Batch.Job.newBuilder().setMetadata(meta(name)).setSpec(V1Batch.JobSpec.newBuilder()
        .setTemplate(template(Map.of(), "Never"))).build();
  }

  static V1Batch.CronJob cronJob(String name, String schedule) {
    return V1Batch.CronJob.newBuilder().setMetadata(meta(name)).setSpec(V1Batch.CronJobSpec.newBuilder()
        .setSchedule(schedule).setJobTemplate(V1Batch.JobTemplateSpec.newBuilder()
            .setSpec(V1Batch.JobSpec.newBuilder().setTemplate(template(Map.of(), "OnFailure"))))).build();
  }

  static V2Autoscaling.HorizontalPodAutoscaler hpa(String name, int max) {
    return V2Autoscaling.HorizontalPodAutoscaler.newBuilder().setMetadata(meta(name))
        .setSpec(V2Autoscaling.HorizontalPodAutoscalerSpec.newBuilder().setMaxReplicas(max)
            .setScaleTargetRef(V2Autoscaling.CrossVersionObjectReference.newBuilder().setApiVersion("apps/v1")
                .setKind("Deployment").setName("web")))
        .build();
  }

  static V1Discovery.EndpointSlice endpointSlice(String name, String type, String... addresses) {
    return V1Discovery.EndpointSlice.newBuilder().setMetadata(meta(name)).setAddressType(type)
        .addEndpoints(V1Discovery.Endpoint.newBuilder().addAllAddresses(java.util.List.of(addresses)))
        .addPorts(V1Discovery.EndpointPort.newBuilder().setName("http").setPort(80))
        .build();
  }

  static V1Networking.HTTPIngressPath path(String path, String type) {
    V1Networking.HTTPIngressPath.Builder p = V1Networking.HTTPIngressPath.newBuilder().setPath(path)
        .setBackend(V1Networking.IngressBackend.newBuilder().setService(V1Networking.IngressServiceBackend
            .newBuilder().setName("web").setPort(V1Networking.ServiceBackendPort.newBuilder().setNumber(80))));
    if (type != null) {
      p.setPathType(type);
    }
    return p.build();
  }

  static V1Networking.Ingress ingress(String name, V1Networking.HTTPIngressPath path) {
    return V1Networking.Ingress.newBuilder().setMetadata(meta(name)).setSpec(V1Networking.IngressSpec.newBuilder()
        .addRules(V1Networking.IngressRule.newBuilder().setHost("example.com").setIngressRuleValue(
            V1Networking.IngressRuleValue.newBuilder().setHttp(V1Networking.HTTPIngressRuleValue.newBuilder()
                .addPaths(path)))))
        .build();
  }

  static V1Rbac.PolicyRule rule(String... verbs) {
    return V1Rbac.PolicyRule.newBuilder().addApiGroups("").addResources("pods")
        .addAllVerbs(java.util.List.of(verbs)).build();
  }

  static V1Rbac.Role role(String name) {
    return V1Rbac.Role.newBuilder().setMetadata(meta(name)).addRules(rule("get", "list")).build();
  }

  static V1Rbac.RoleBinding roleBinding(String name, String role) {
    return V1Rbac.RoleBinding.newBuilder().setMetadata(meta(name))
        .setRoleRef(V1Rbac.RoleRef.newBuilder().setKind("Role").setName(role))
        .addSubjects(V1Rbac.Subject.newBuilder().setKind("User").setName("alice"))
        .build();
  }

  static V1Rbac.ClusterRoleBinding clusterRoleBinding(String name, String role) {
    return V1Rbac.ClusterRoleBinding.newBuilder().setMetadata(meta(name))
        .setRoleRef(V1Rbac.RoleRef.newBuilder().setKind("ClusterRole").setName(role))
        .addSubjects(V1Rbac.Subject.newBuilder().setKind("ServiceAccount").setName("default")
            .setNamespace("kube-system"))
        .build();
  }

  static V1Certificates.CertificateSigningRequest csr(String name, String pem) {
    return V1Certificates.CertificateSigningRequest.newBuilder().setMetadata(meta(name))
        .setSpec(V1Certificates.CertificateSigningRequestSpec.newBuilder()
            .setRequest(ByteString.copyFrom(pem, StandardCharsets.US_ASCII))
            .setSignerName("kubernetes.io/kube-apiserver-client").addUsages("client auth"))
        .build();
  }
}
