package windlass.scheduler.plugins.interpodaffinity;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import windlass.client.LabelSelector;

/**
 * A pod (anti-)affinity term ready to match pods, as upstream's framework.AffinityTerm: the namespaces it names (the
 * owning pod's namespace when it names none and has no namespaceSelector), its namespaceSelector (an empty one
 * matches every namespace, an absent one none), its label selector (absent: matches no pod), its topology key and,
 * for preferred terms, its weight.
 */
record AffinityTerm(Set<String> namespaces, LabelSelector namespaceSelector, LabelSelector selector,
    String topologyKey, int weight) {

  static AffinityTerm of(V1.PodAffinityTerm t, String ownerNamespace, int weight) {
    Set<String> ns = Set.copyOf(t.getNamespacesList());
    if (ns.isEmpty() && !t.hasNamespaceSelector()) {
      ns = Set.of(ownerNamespace);
    }
    return new AffinityTerm(ns, LabelSelector.ofOptional(t.hasNamespaceSelector(), t.getNamespaceSelector()),
        LabelSelector.ofOptional(t.hasLabelSelector(), t.getLabelSelector()), t.getTopologyKey(), weight);
  }

  static List<AffinityTerm> required(List<V1.PodAffinityTerm> terms, String ownerNamespace) {
    List<AffinityTerm> out = new ArrayList<>(terms.size());
    terms.forEach(t -> out.add(of(t, ownerNamespace, 0)));
    return out;
  }

  static List<AffinityTerm> preferred(List<V1.WeightedPodAffinityTerm> terms, String ownerNamespace) {
    List<AffinityTerm> out = new ArrayList<>(terms.size());
    terms.forEach(t -> out.add(of(t.getPodAffinityTerm(), ownerNamespace, t.getWeight())));
    return out;
  }

  /** Whether {@code pod} (whose namespace has {@code namespaceLabels}) is selected by this term. */
  boolean matches(V1.Pod pod, Map<String, String> namespaceLabels) {
    String ns = pod.getMetadata().getNamespace();
    boolean nsMatches = namespaces.contains(ns) || namespaceSelector.matches(namespaceLabels);
    return nsMatches && selector.matches(pod.getMetadata().getLabelsMap());
  }

  /**
   * Whether any of {@code terms} needs a pod's namespace labels to match it (a namespaceSelector with requirements):
   * when none does, callers need not look the labels up for every pod they match.
   */
  @SafeVarargs
  static boolean readNamespaceLabels(List<AffinityTerm>... terms) {
    for (List<AffinityTerm> list : terms) {
      for (AffinityTerm t : list) {
        if (!t.namespaceSelector.isNothing() && !t.namespaceSelector.isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Upstream's podMatchesAllAffinityTerms: false for no terms. */
  static boolean allMatch(List<AffinityTerm> terms, V1.Pod pod, Map<String, String> namespaceLabels) {
    if (terms.isEmpty()) {
      return false;
    }
    for (AffinityTerm t : terms) {
      if (!t.matches(pod, namespaceLabels)) {
        return false;
      }
    }
    return true;
  }
}
