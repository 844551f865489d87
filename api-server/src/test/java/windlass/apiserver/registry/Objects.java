package windlass.apiserver.registry;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Map;

/** Test objects, minimal as a user would write them. */
final class Objects {
  private Objects() {}

  static V1.Pod pod(String name, String image) {
    return V1.Pod.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("app").setImage(image)))
        .build();
  }

  static V1.Pod pod(String name, Map<String, String> labels) {
    V1.Pod p = pod(name, "nginx:1.27");
    return p.toBuilder().setMetadata(p.getMetadata().toBuilder().putAllLabels(labels)).build();
  }

  static V1.Namespace namespace(String name) {
    return V1.Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build();
  }

  static V1.PodTemplateSpec template(Map<String, String> labels) {
    return V1.PodTemplateSpec.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().putAllLabels(labels))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("web").setImage("nginx")))
        .build();
  }

  static V1Apps.Deployment deployment(String name, Map<String, String> labels) {
    return V1Apps.Deployment.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setSelector(Meta.LabelSelector.newBuilder().putAllMatchLabels(labels))
            .setTemplate(template(labels)))
        .build();
  }

  static V1Apps.ReplicaSet replicaSet(String name, Map<String, String> labels, Meta.OwnerReference owner) {
    return V1Apps.ReplicaSet.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).addOwnerReferences(owner))
        .setSpec(V1Apps.ReplicaSetSpec.newBuilder().setReplicas(2)
            .setSelector(Meta.LabelSelector.newBuilder().putAllMatchLabels(labels))
            .setTemplate(template(labels)))
        .build();
  }

  static Meta.OwnerReference ownedBy(String apiVersion, String kind, ObjectMeta owner) {
    return Meta.OwnerReference.newBuilder().setApiVersion(apiVersion).setKind(kind).setName(owner.getName())
        .setUid(owner.getUid()).setController(true).setBlockOwnerDeletion(true).build();
  }

  static V1.Service service(String name, int port) {
    return V1.Service.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(V1.ServiceSpec.newBuilder().putSelector("app", name)
            .addPorts(V1.ServicePort.newBuilder().setPort(port)))
        .build();
  }

  static V1.Node node(String name) {
    return V1.Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build();
  }
}
