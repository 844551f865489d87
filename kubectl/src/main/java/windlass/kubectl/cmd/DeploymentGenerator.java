package windlass.kubectl.cmd;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Deployment {@code kubectl create deployment} builds, as upstream builds it: labels and selector {@code app=NAME},
 * one container per image named after the image (last path segment, without tag or digest; "." and "_" turned into
 * "-" plus a random suffix), the command after {@code --} as each container's command, and --port on the first
 * container.
 */
public final class DeploymentGenerator {
  /** upstream utilrand's alphabet: no vowels, no look-alikes. */
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private DeploymentGenerator() {}

  /**
   * @param namespace set in metadata only when given with -n (upstream's EnforceNamespace), else ""
   * @param port -1 for none
   */
  public static V1Apps.Deployment generate(String name, String namespace, List<String> images, int replicas, int port,
      List<String> command, RandomGenerator random) {
    Map<String, String> labels = Map.of("app", name);
    V1.PodSpec.Builder pod = V1.PodSpec.newBuilder();
    for (String image : images) {
      pod.addContainers(V1.Container.newBuilder().setName(containerName(image, random)).setImage(image)
          .addAllCommand(command).setResources(V1.ResourceRequirements.getDefaultInstance()));
    }
    if (port >= 0 && pod.getContainersCount() > 0) {
      pod.setContainers(0, pod.getContainers(0).toBuilder()
          .addPorts(V1.ContainerPort.newBuilder().setContainerPort(port)));
    }
    Meta.ObjectMeta.Builder meta = Meta.ObjectMeta.newBuilder().setName(name).putAllLabels(labels);
    if (!namespace.isEmpty()) {
      meta.setNamespace(namespace);
    }
    return V1Apps.Deployment.newBuilder()
        .setMetadata(meta)
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(replicas)
            .setSelector(Meta.LabelSelector.newBuilder().putAllMatchLabels(labels))
            .setStrategy(V1Apps.DeploymentStrategy.getDefaultInstance())
            .setTemplate(V1.PodTemplateSpec.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().putAllLabels(labels))
                .setSpec(pod)))
        .setStatus(V1Apps.DeploymentStatus.getDefaultInstance())
        .build();
  }

  /** "registry:5000/library/nginx:1.27" → "nginx"; "my_app.v2" → "my-app-v2-x4kz9". */
  public static String containerName(String image, RandomGenerator random) {
    String[] parts = image.split("/", -1);
    String name = parts[parts.length - 1];
    if (name.contains(":")) {
      name = name.split(":", -1)[0];
    }
    if (name.contains("@")) {
      name = name.split("@", -1)[0];
    }
    if (name.contains("_") || name.contains(".")) {
      name = name.replace('_', '-').replace('.', '-') + "-" + randomString(5, random);
    }
    return name;
  }

  static String randomString(int n, RandomGenerator random) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHANUMS.charAt(random.nextInt(ALPHANUMS.length())));
    }
    return b.toString();
  }
}
