package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import com.google.protobuf.ByteString;
import windlass.api.v1.PatchRequest;
import windlass.api.v1.PatchType;
import windlass.api.v1.ResourcesGrpc;
import windlass.api.v1.UpdateRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import windlass.api.v1.APIResource;
import windlass.api.v1.ServerResourcesRequest;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ResourceClient;
import windlass.client.WindlassClient;

/** The non-core kinds and the scale subresource through WindlassClient over in-process gRPC. */
class GroupKindsOverGrpcTest extends InProcessApiServerTest {
  private static V1.PodTemplateSpec template(Map<String, String> labels) {
    return V1.PodTemplateSpec.newBuilder().setMetadata(ObjectMeta.newBuilder().putAllLabels(labels))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("web").setImage("nginx")))
        .build();
  }

  @Test
  void scaleRoundTripsThroughGrpc() {
    ResourceClient<V1Apps.StatefulSet> sets = client.resource(Kinds.STATEFUL_SET, "default");
    sets.create(V1Apps.StatefulSet.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("db"))
        .setSpec(V1Apps.StatefulSetSpec.newBuilder().setServiceName("db")
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "db"))
            .setTemplate(template(Map.of("app", "db"))))
        .build());
    V1Autoscaling.Scale scale = sets.getScale("db");
    assertEquals(1, scale.getSpec().getReplicas());
    assertEquals("app=db", scale.getStatus().getSelector());
    V1Autoscaling.Scale.Builder three = scale.toBuilder();
    three.getSpecBuilder().setReplicas(3);
    assertEquals(3, sets.updateScale(three.build()).getSpec().getReplicas());
    assertEquals(3, sets.get("db").getSpec().getReplicas());
    ApiException stale = assertThrows(ApiException.class, () -> sets.updateScale(three.build()));
    assertEquals(Code.ABORTED, stale.code());
    ApiException none = assertThrows(ApiException.class,
        () -> client.resource(Kinds.JOB, "default").getScale("db"));
    assertEquals(Code.NOT_FOUND, none.code());
  }

  @Test
  void scaleIsPatchedAndCsrsApprovedThroughTheRawService() throws Exception {
    client.deployments("default").create(V1Apps.Deployment.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setSelector(Meta.LabelSelector.newBuilder()
            .putMatchLabels("app", "web")).setTemplate(template(Map.of("app", "web"))))
        .build());
    ResourcesGrpc.ResourcesBlockingStub raw = ResourcesGrpc.newBlockingStub(client.channel());
    com.google.protobuf.Any patched = raw.patch(PatchRequest.newBuilder().setResource(Kinds.DEPLOYMENT.gvr())
        .setNamespace("default").setName("web").setType(PatchType.MERGE_PATCH).setSubresource("scale")
        .setPatch(ByteString.copyFromUtf8("{\"spec\":{\"replicas\":4}}")).build());
    assertEquals(4, patched.unpack(V1Autoscaling.Scale.class).getSpec().getReplicas());
    assertEquals(4, client.deployments("default").get("web").getSpec().getReplicas());

    ResourceClient<V1Certificates.CertificateSigningRequest> csrs =
        client.resource(Kinds.CERTIFICATE_SIGNING_REQUEST, "");
    V1Certificates.CertificateSigningRequest csr = csrs.create(V1Certificates.CertificateSigningRequest.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("node-csr"))
        .setSpec(V1Certificates.CertificateSigningRequestSpec.newBuilder().setRequest(ByteString.copyFromUtf8(PEM))
            .setSignerName("kubernetes.io/kube-apiserver-client-kubelet").addUsages("client auth")
            .addUsages("digital signature"))
        .build());
    V1Certificates.CertificateSigningRequest.Builder approve = csr.toBuilder();
    approve.getStatusBuilder().addConditions(V1Certificates.CertificateSigningRequestCondition.newBuilder()
        .setType("Approved").setStatus("True").setReason("AutoApproved"));
    com.google.protobuf.Any approved = raw.update(UpdateRequest.newBuilder()
        .setResource(Kinds.CERTIFICATE_SIGNING_REQUEST.gvr()).setSubresource("approval")
        .setObject(com.google.protobuf.Any.pack(approve.build())).build());
    assertEquals("Approved", approved.unpack(V1Certificates.CertificateSigningRequest.class).getStatus()
        .getConditions(0).getType());
    assertEquals(1, csrs.get("node-csr").getStatus().getConditionsCount());
  }

  private static final String PEM = """
      -----BEGIN CERTIFICATE REQUEST-----
      MIHrMIGSAgEAMDAxFzAVBgNVBAMMDnN5c3RlbTpub2RlOm4xMRUwEwYDVQQKDAxz
      eXN0ZW06bm9kZXMwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ8tZg+lNV43D0V
      xCTk13mY/aO3nwInLhQlwQDYrFbSKd2gQhqoRxgP/kXdpBhJd0BQ0Se0kSeqmCKC
      /Bz8koKBoAAwCgYIKoZIzj0EAwIDSAAwRQIhAPofk+C21xh9kxPWNyZJcwHE6+ty
      P7R4ZmzS5VGHf4r6AiBf5S7STjf35y6E5DIcG8lmJ0zmfsq/kuPtmUzjIU1IBQ==
      -----END CERTIFICATE REQUEST-----
      """;

  @Test
  void jobsAreServedWithTheirDefaults() {
    ResourceClient<V1Batch.Job> jobs = client.resource(Kinds.JOB, "default");
    V1.PodTemplateSpec t = template(Map.of());
    V1Batch.Job job = jobs.create(V1Batch.Job.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("pi"))
        .setSpec(V1Batch.JobSpec.newBuilder().setTemplate(t.toBuilder().setSpec(t.getSpec().toBuilder()
            .setRestartPolicy("Never"))))
        .build());
    assertEquals(6, job.getSpec().getBackoffLimit());
    assertEquals(job, jobs.get("pi"));
  }

  @Test
  void discoveryListsEveryKindWithShortNamesCategoriesAndSubresources() {
    Map<String, APIResource> rs = client.discovery().serverResources(ServerResourcesRequest.getDefaultInstance())
        .getResourcesList().stream().collect(Collectors.toMap(r -> r.getResource() + "." + r.getGroup(),
            Function.identity()));
    for (windlass.client.Kind k : Kinds.all()) {
      assertEquals(k.kind(), rs.get(k.resource() + "." + k.group()).getKind());
    }
    assertEquals(List.of("ds"), rs.get("daemonsets.apps").getShortNamesList());
    assertEquals(List.of("all"), rs.get("cronjobs.batch").getCategoriesList());
    assertEquals(List.of("all"), rs.get("horizontalpodautoscalers.autoscaling").getCategoriesList());
    assertEquals(List.of(), rs.get("ingresses.networking.k8s.io").getCategoriesList());
    assertEquals(List.of("scale", "status"), rs.get("statefulsets.apps").getSubresourcesList());
    assertEquals(List.of("approval", "status"),
        rs.get("certificatesigningrequests.certificates.k8s.io").getSubresourcesList());
    assertEquals(List.of(), rs.get("roles.rbac.authorization.k8s.io").getSubresourcesList());
    assertEquals(false, rs.get("clusterroles.rbac.authorization.k8s.io").getNamespaced());
    assertEquals("v2", rs.get("horizontalpodautoscalers.autoscaling").getVersion());
  }
}
