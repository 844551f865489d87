package windlass.kubectl.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyMergeTest {
  static V1.Container.Builder container(String name, String image) {
    return V1.Container.newBuilder().setName(name).setImage(image);
  }

  static V1Apps.Deployment deployment(V1Apps.DeploymentStrategy strategy, V1.Container.Builder... cs) {
    V1.PodSpec.Builder pod = V1.PodSpec.newBuilder();
    for (V1.Container.Builder c : cs) {
      pod.addContainers(c);
    }
    V1Apps.DeploymentSpec.Builder spec = V1Apps.DeploymentSpec.newBuilder().setReplicas(1)
        .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(pod));
    if (strategy != null) {
      spec.setStrategy(strategy);
    }
    return V1Apps.Deployment.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("web")).setSpec(spec)
        .build();
  }

  @Test
  void containersMergeByNameKeepingServerDefaults() {
    V1Apps.Deployment live = deployment(null,
        container("app", "nginx:1").setTerminationMessagePath("/dev/termination-log").setImagePullPolicy("IfNotPresent"),
        container("sidecar", "envoy"));
    V1Apps.Deployment desired = deployment(null, container("app", "nginx:2"));
    V1Apps.Deployment merged = ApplyMerge.merge(live, desired, null);
    List<V1.Container> cs = merged.getSpec().getTemplate().getSpec().getContainersList();
    assertEquals(1, cs.size(), "the manifest's list of containers is the new membership");
    assertEquals("nginx:2", cs.get(0).getImage());
    assertEquals("/dev/termination-log", cs.get(0).getTerminationMessagePath());
    assertEquals("IfNotPresent", cs.get(0).getImagePullPolicy());
  }

  @Test
  void aStrategyTypeReplacesTheOtherMembersOfTheUnion() {
    V1Apps.DeploymentStrategy rolling = V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
        .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
            .setMaxSurge(IntStr.IntOrString.newBuilder().setType(1).setStrVal("25%"))).build();
    V1Apps.DeploymentStrategy recreate = V1Apps.DeploymentStrategy.newBuilder().setType("Recreate").build();
    V1Apps.Deployment merged = ApplyMerge.merge(deployment(rolling, container("a", "x")),
        deployment(recreate, container("a", "x")), null);
    assertEquals(recreate, merged.getSpec().getStrategy());
  }

  @Test
  void intOrStringAndQuantitiesAreReplacedWhole() {
    V1.ServicePort live = V1.ServicePort.newBuilder().setPort(80)
        .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http")).build();
    V1.ServicePort want = V1.ServicePort.newBuilder().setPort(80)
        .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8080)).build();
    V1.Service merged = ApplyMerge.merge(
        V1.Service.newBuilder().setSpec(V1.ServiceSpec.newBuilder().addPorts(live)).build(),
        V1.Service.newBuilder().setSpec(V1.ServiceSpec.newBuilder().addPorts(want)).build(), null);
    assertEquals(want.getTargetPort(), merged.getSpec().getPorts(0).getTargetPort());
    assertFalse(merged.getSpec().getPorts(0).getTargetPort().hasStrVal());
  }

  @Test
  void fieldsTheLastApplyHadAndThisOneDropsAreRemoved() {
    V1Apps.Deployment last = deployment(null, container("app", "nginx").addArgs("-v"));
    V1Apps.Deployment live = deployment(null, container("app", "nginx").addArgs("-v").setWorkingDir("/srv"));
    V1Apps.Deployment desired = deployment(null, container("app", "nginx"));
    V1.Container c = ApplyMerge.merge(live, desired, last).getSpec().getTemplate().getSpec().getContainers(0);
    assertEquals(0, c.getArgsCount(), "args were applied before and are gone from the file");
    assertEquals("/srv", c.getWorkingDir(), "a field never applied stays");
  }

  @Test
  void statusIsNeverApplied() {
    V1Apps.Deployment live = deployment(null, container("a", "x")).toBuilder()
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(1)).build();
    V1Apps.Deployment desired = deployment(null, container("a", "x")).toBuilder()
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(7)).build();
    assertEquals(1, ApplyMerge.merge(live, desired, null).getStatus().getReplicas());
  }

  @Test
  void atomicTypeNamesMatchTheMessages() {
    assertEquals("k8s.io.apimachinery.pkg.util.intstr.IntOrString", IntStr.IntOrString.getDescriptor().getFullName());
    assertEquals("k8s.io.apimachinery.pkg.api.resource.Quantity", Resource.Quantity.getDescriptor().getFullName());
    assertEquals("k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector", Meta.LabelSelector.getDescriptor().getFullName());
    assertEquals("k8s.io.api.apps.v1.DeploymentStrategy", V1Apps.DeploymentStrategy.getDescriptor().getFullName());
    assertEquals("k8s.io.api.core.v1.VolumeSource", V1.VolumeSource.getDescriptor().getFullName());
    assertTrue(V1.ContainerPort.getDescriptor().findFieldByName("containerPort") != null);
  }
}
