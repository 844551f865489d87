package windlass.bench;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import windlass.client.Quantities;

/**
 * The scheduler_perf workloads of upstream's config/performance-config.yaml that windlass runs: their node and pod
 * templates and their sizes (initNodes, initPods, measurePods).
 */
enum PerfWorkload {
  /** Plain pods (100m / 500Mi) on plain nodes (4 CPU / 32Gi / 110 pods). */
  SCHEDULING_BASIC("SchedulingBasic", Map.of(
      "500Nodes", new int[] {500, 500, 1000},
      "5000Nodes", new int[] {5000, 1000, 1000},
      "5000Nodes_10000Pods", new int[] {5000, 1000, 10000}),
      (i, ns) -> PerfWorkload.defaultPod(i, ns)),
  /** Every pod labelled color=green and required to avoid nodes running another (topology kubernetes.io/hostname). */
  SCHEDULING_POD_ANTI_AFFINITY("SchedulingPodAntiAffinity", Map.of(
      "500Nodes", new int[] {500, 100, 400},
      "5000Nodes", new int[] {5000, 1000, 1000}),
      (i, ns) -> PerfWorkload.antiAffinityPod(i, ns)),
  /** Measured pods spread over three zones with maxSkew 5 (DoNotSchedule); init pods are plain. */
  TOPOLOGY_SPREADING("TopologySpreading", Map.of(
      "500Nodes", new int[] {500, 1000, 1000},
      "5000Nodes", new int[] {5000, 5000, 2000}),
      (i, ns) -> PerfWorkload.spreadPod(i, ns));

  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String ZONE = "topology.kubernetes.io/zone";
  static final List<String> ZONES = List.of("moon-1", "moon-2", "moon-3");

  final String upstreamName;
  final Map<String, int[]> sizes;
  /** The measured pods' template (index, namespace). */
  final BiFunction<Integer, String, V1.Pod> measuredPod;

  PerfWorkload(String upstreamName, Map<String, int[]> sizes, BiFunction<Integer, String, V1.Pod> measuredPod) {
    this.upstreamName = upstreamName;
    this.sizes = sizes;
    this.measuredPod = measuredPod;
  }

  static PerfWorkload byName(String name) {
    for (PerfWorkload w : values()) {
      if (w.upstreamName.equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload " + name + "; known: SchedulingBasic, "
        + "SchedulingPodAntiAffinity, TopologySpreading");
  }

  /** The init pods' template: the measured one for anti-affinity (as upstream), plain pods otherwise. */
  V1.Pod initPod(int i, String ns) {
    return this == SCHEDULING_POD_ANTI_AFFINITY ? antiAffinityPod(i, ns) : defaultPod(i, ns);
  }

  /** upstream's node-default.yaml, Ready, with hostname and (round-robin) zone labels. */
  static V1.Node node(int i) {
    String name = "scheduler-perf-" + i;
    return V1.Node.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).putLabels(HOSTNAME, name)
            .putLabels(ZONE, ZONES.get(i % ZONES.size())))
        .setStatus(V1.NodeStatus.newBuilder()
            .putCapacity("cpu", Quantities.of("4")).putCapacity("memory", Quantities.of("32Gi"))
            .putCapacity("pods", Quantities.of("110"))
            .putAllocatable("cpu", Quantities.of("4")).putAllocatable("memory", Quantities.of("32Gi"))
            .putAllocatable("pods", Quantities.of("110"))
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")))
        .build();
  }

  /** upstream's pod-default.yaml: one pause container requesting 100m CPU and 500Mi memory. */
  static V1.Pod defaultPod(int i, String ns) {
    return V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("pod-" + i).setNamespace(ns))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("pause")
            .setImage("registry.k8s.io/pause:3.10")
            .setResources(V1.ResourceRequirements.newBuilder()
                .putRequests("cpu", Quantities.of("100m")).putRequests("memory", Quantities.of("500Mi")))))
        .build();
  }

  static V1.Pod antiAffinityPod(int i, String ns) {
    V1.Pod p = defaultPod(i, ns);
    V1.PodAffinityTerm term = V1.PodAffinityTerm.newBuilder()
        .setLabelSelector(Meta.LabelSelector.newBuilder().putMatchLabels("color", "green"))
        .setTopologyKey(HOSTNAME).addNamespaces("sched-0").addNamespaces("sched-1").build();
    return p.toBuilder().setMetadata(p.getMetadata().toBuilder().putLabels("color", "green"))
        .setSpec(p.getSpec().toBuilder().setAffinity(V1.Affinity.newBuilder().setPodAntiAffinity(
            V1.PodAntiAffinity.newBuilder().addRequiredDuringSchedulingIgnoredDuringExecution(term))))
        .build();
  }

  static V1.Pod spreadPod(int i, String ns) {
    V1.Pod p = defaultPod(i, ns);
    V1.TopologySpreadConstraint c = V1.TopologySpreadConstraint.newBuilder().setMaxSkew(5).setTopologyKey(ZONE)
        .setWhenUnsatisfiable("DoNotSchedule").setLabelSelector(Meta.LabelSelector.newBuilder().addMatchExpressions(
            Meta.LabelSelectorRequirement.newBuilder().setKey("foo").setOperator("Exists")))
        .build();
    return p.toBuilder().setMetadata(p.getMetadata().toBuilder().putLabels("foo", ""))
        .setSpec(p.getSpec().toBuilder().addTopologySpreadConstraints(c)).build();
  }
}
