package windlass.controllers.testing;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Instant;
import windlass.client.WindlassClient;

/** Test objects: a web template, ReplicaSets and Deployments of it, and a kubelet's "pod is ready" update. */
public final class Fixtures {
  private Fixtures() {}

  public static V1.PodTemplateSpec template(String image) {
    return V1.PodTemplateSpec.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("web").setImage(image)))
        .build();
  }

  public static Meta.LabelSelector selector() {
    return Meta.LabelSelector.newBuilder().putMatchLabels("app", "web").build();
  }

  public static V1Apps.ReplicaSet replicaSet(String name, int replicas) {
    return V1Apps.ReplicaSet.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(V1Apps.ReplicaSetSpec.newBuilder().setReplicas(replicas).setSelector(selector())
            .setTemplate(template("nginx:1.25")))
        .build();
  }

  public static V1Apps.Deployment deployment(String name, int replicas, String image) {
    return V1Apps.Deployment.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(replicas).setSelector(selector())
            .setTemplate(template(image)))
        .build();
  }

  /** What a kubelet reports for a started pod: Running, Ready=True since {@code since}. */
  public static V1.Pod markReady(WindlassClient client, V1.Pod pod, Instant since, String node) {
    V1.Pod cur = client.pods(pod.getMetadata().getNamespace()).get(pod.getMetadata().getName());
    if (node != null && cur.getSpec().getNodeName().isEmpty()) {
      client.pods("default").createSubresource(cur.getMetadata().getName(), "binding", V1.Binding.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName(cur.getMetadata().getName()))
          .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName(node)).build());
      cur = client.pods(pod.getMetadata().getNamespace()).get(pod.getMetadata().getName());
    }
    return client.pods(cur.getMetadata().getNamespace()).updateStatus(cur.toBuilder().setStatus(
        cur.getStatus().toBuilder().setPhase("Running").addConditions(V1.PodCondition.newBuilder()
            .setType("Ready").setStatus("True")
            .setLastTransitionTime(Meta.Time.newBuilder().setSeconds(since.getEpochSecond())))).build());
  }
}
