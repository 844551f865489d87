package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Policy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import windlass.api.v1.APIResource;
import windlass.api.v1.ServerResourcesRequest;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ResourceClient;

/** The core/v1 and policy/v1 kinds and the eviction subresource through the client over in-process gRPC. */
class CoreKindsApiServerTest extends InProcessApiServerTest {
  @Test
  void discoveryListsEveryKindWithShortNamesAndThePodEvictionSubresource() {
    List<APIResource> rs = client.discovery().serverResources(ServerResourcesRequest.getDefaultInstance())
        .getResourcesList();
    Map<String, APIResource> byName = rs.stream().collect(Collectors.toMap(
        r -> r.getGroup().isEmpty() ? r.getResource() : r.getResource() + "." + r.getGroup(), r -> r));
    for (var k : Kinds.all()) {
      assertTrue(byName.containsKey(k.groupResource()), k.groupResource());
    }
    assertEquals(List.of("cm"), byName.get("configmaps").getShortNamesList());
    assertEquals(List.of("pdb"), byName.get("poddisruptionbudgets.policy").getShortNamesList());
    assertEquals(false, byName.get("persistentvolumes").getNamespaced());
    assertEquals(List.of("status"), byName.get("resourcequotas").getSubresourcesList());
    assertTrue(byName.get("pods").getSubresourcesList().contains("eviction"));
    assertTrue(byName.get("pods").getCategoriesList().contains("all"));
    assertEquals(List.of(), byName.get("configmaps").getCategoriesList(), "configmaps are not in \"all\" upstream");
  }

  @Test
  void aClientEvictsThroughTheBudget() {
    ResourceClient<V1.Pod> pods = client.pods("default");
    V1Apps.ReplicaSet rs = client.replicaSets("default").create(V1Apps.ReplicaSet.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web")).setSpec(V1Apps.ReplicaSetSpec.newBuilder().setReplicas(2)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(ObjectMeta.newBuilder().putLabels("app", "web"))
                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c")
                    .setImage("nginx"))))).build());
    Meta.OwnerReference owner = Meta.OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet")
        .setName("web").setUid(rs.getMetadata().getUid()).setController(true).build();
    for (String n : List.of("a", "b")) {
      pods.create(V1.Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(n).putLabels("app", "web")
              .addOwnerReferences(owner))
          .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("nginx")))
          .build());
      V1.Pod p = pods.get(n);
      pods.updateStatus(p.toBuilder().setStatus(p.getStatus().toBuilder().setPhase("Running")
          .addConditions(V1.PodCondition.newBuilder().setType("Ready").setStatus("True"))).build());
    }
    client.<V1Policy.PodDisruptionBudget>resource(Kinds.POD_DISRUPTION_BUDGET, "default").create(
        V1Policy.PodDisruptionBudget.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web"))
            .setSpec(V1Policy.PodDisruptionBudgetSpec.newBuilder()
                .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(1))
                .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))).build());
    Meta.Status ok = pods.evict("a", V1Policy.Eviction.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("a").setNamespace("default")).build());
    assertEquals(201, ok.getCode());
    ApiException e = assertThrows(ApiException.class, () -> pods.evict("b", V1Policy.Eviction.getDefaultInstance()));
    assertEquals(Code.RESOURCE_EXHAUSTED, e.code());
    assertEquals("Cannot evict pod as it would violate the pod's disruption budget.", e.getMessage());
    assertEquals(Code.NOT_FOUND, assertThrows(ApiException.class, () -> pods.evict("zz",
        V1Policy.Eviction.getDefaultInstance())).code());
  }
}
