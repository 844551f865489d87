package windlass.scheduler.testing;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.List;

/** Short builders for the affinity parts of test pods. */
public final class Affinities {
  private Affinities() {}

  public static V1.NodeSelectorRequirement expr(String key, String op, String... values) {
    return V1.NodeSelectorRequirement.newBuilder().setKey(key).setOperator(op).addAllValues(List.of(values)).build();
  }

  public static V1.NodeSelectorTerm term(V1.NodeSelectorRequirement... exprs) {
    return V1.NodeSelectorTerm.newBuilder().addAllMatchExpressions(List.of(exprs)).build();
  }

  public static V1.NodeSelectorTerm fieldTerm(V1.NodeSelectorRequirement... fields) {
    return V1.NodeSelectorTerm.newBuilder().addAllMatchFields(List.of(fields)).build();
  }

  /** A label selector {@code key=value}. */
  public static Meta.LabelSelector labels(String key, String value) {
    return Meta.LabelSelector.newBuilder().putMatchLabels(key, value).build();
  }

  /** A pod affinity term selecting {@code key=value} pods in the pod's namespace over {@code topologyKey}. */
  public static V1.PodAffinityTerm podTerm(String key, String value, String topologyKey) {
    return V1.PodAffinityTerm.newBuilder().setLabelSelector(labels(key, value)).setTopologyKey(topologyKey).build();
  }

  public static V1.WeightedPodAffinityTerm weighted(int weight, V1.PodAffinityTerm term) {
    return V1.WeightedPodAffinityTerm.newBuilder().setWeight(weight).setPodAffinityTerm(term).build();
  }
}
