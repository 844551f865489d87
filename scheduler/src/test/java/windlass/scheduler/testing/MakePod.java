package windlass.scheduler.testing;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import windlass.client.Quantities;

/** Builds test pods, as upstream's st.MakePod(): {@code MakePod.named("web-1").req("cpu", "1").build()}. */
public final class MakePod {
  private final V1.Pod.Builder pod = V1.Pod.newBuilder();

  private MakePod(String name) {
    pod.setMetadata(Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid("uid-" + name));
  }

  public static MakePod named(String name) {
    return new MakePod(name);
  }

  /** Adds a container requesting the given resources ("cpu", "1", "memory", "1Gi", ...). */
  public MakePod req(String... resources) {
    pod.getSpecBuilder().addContainers(container("c" + pod.getSpec().getContainersCount(), resources));
    return this;
  }

  public MakePod initReq(String... resources) {
    pod.getSpecBuilder().addInitContainers(container("i" + pod.getSpec().getInitContainersCount(), resources));
    return this;
  }

  public MakePod sidecarReq(String... resources) {
    pod.getSpecBuilder().addInitContainers(container("s" + pod.getSpec().getInitContainersCount(), resources)
        .toBuilder().setRestartPolicy("Always"));
    return this;
  }

  public MakePod overhead(String... resources) {
    for (int i = 0; i + 1 < resources.length; i += 2) {
      pod.getSpecBuilder().putOverhead(resources[i], Quantities.of(resources[i + 1]));
    }
    return this;
  }

  public MakePod node(String nodeName) {
    pod.getSpecBuilder().setNodeName(nodeName);
    return this;
  }

  public MakePod schedulerName(String name) {
    pod.getSpecBuilder().setSchedulerName(name);
    return this;
  }

  public MakePod priority(int p) {
    pod.getSpecBuilder().setPriority(p);
    return this;
  }

  public MakePod priorityClassName(String name) {
    pod.getSpecBuilder().setPriorityClassName(name);
    return this;
  }

  public MakePod preemptionPolicy(String policy) {
    pod.getSpecBuilder().setPreemptionPolicy(policy);
    return this;
  }

  /** status.startTime, in seconds since the epoch. */
  public MakePod startTime(long epochSeconds) {
    pod.getStatusBuilder().setStartTime(Meta.Time.newBuilder().setSeconds(epochSeconds));
    return this;
  }

  public MakePod nominatedNode(String node) {
    pod.getStatusBuilder().setNominatedNodeName(node);
    return this;
  }

  public MakePod terminating() {
    pod.getMetadataBuilder().setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1));
    return this;
  }

  /** A volume "vol-&lt;claim&gt;" using PersistentVolumeClaim {@code claim}. */
  public MakePod pvc(String claim) {
    pod.getSpecBuilder().addVolumes(V1.Volume.newBuilder().setName("vol-" + claim).setVolumeSource(
        V1.VolumeSource.newBuilder().setPersistentVolumeClaim(
            V1.PersistentVolumeClaimVolumeSource.newBuilder().setClaimName(claim))));
    return this;
  }

  public MakePod toleration(String key, String operator, String value, String effect) {
    pod.getSpecBuilder().addTolerations(V1.Toleration.newBuilder().setKey(key).setOperator(operator).setValue(value)
        .setEffect(effect));
    return this;
  }

  public MakePod phase(String phase) {
    pod.getStatusBuilder().setPhase(phase);
    return this;
  }

  public MakePod labels(Map<String, String> labels) {
    pod.getMetadataBuilder().putAllLabels(labels);
    return this;
  }

  public MakePod label(String key, String value) {
    pod.getMetadataBuilder().putLabels(key, value);
    return this;
  }

  public MakePod namespace(String ns) {
    pod.getMetadataBuilder().setNamespace(ns);
    return this;
  }

  public MakePod nodeSelector(String key, String value) {
    pod.getSpecBuilder().putNodeSelector(key, value);
    return this;
  }

  /** Adds a container running {@code image}. */
  public MakePod image(String image) {
    pod.getSpecBuilder().addContainers(V1.Container.newBuilder().setName("c" + pod.getSpec().getContainersCount())
        .setImage(image));
    return this;
  }

  /** Edits the spec directly (affinity, topologySpreadConstraints, ...). */
  public MakePod spec(java.util.function.Consumer<V1.PodSpec.Builder> edit) {
    edit.accept(pod.getSpecBuilder());
    return this;
  }

  public V1.Pod build() {
    if (pod.getSpec().getContainersCount() == 0) {
      pod.getSpecBuilder().addContainers(V1.Container.newBuilder().setName("c0").setImage("nginx"));
    }
    return pod.build();
  }

  private static V1.Container container(String name, String... resources) {
    V1.ResourceRequirements.Builder r = V1.ResourceRequirements.newBuilder();
    for (int i = 0; i + 1 < resources.length; i += 2) {
      r.putRequests(resources[i], Quantities.of(resources[i + 1]));
    }
    return V1.Container.newBuilder().setName(name).setImage("nginx").setResources(r).build();
  }
}
