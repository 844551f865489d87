package windlass.scheduler.plugins.interpodaffinity;

import io.kubernetes.client.proto.V1;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PreFilterExtensions;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;

/**
 * Pod affinity and anti-affinity, as upstream's InterPodAffinity.
 *
 * <p>PreFilter counts once per pod, per topology pair ({@code key=value} of a node label): the existing pods whose
 * required anti-affinity selects the incoming pod, and the existing pods selected by the incoming pod's required
 * affinity (pods matching all its terms) and anti-affinity terms. Filter then only looks up the node's pairs:
 * affinity needs a matching pod in the node's domain of every term ({@code node(s) didn't match pod affinity
 * rules}, unresolvable), except for the first pod of a group that matches its own terms when no pod matches yet;
 * anti-affinity needs none ({@code node(s) didn't match pod anti-affinity rules}); and no existing pod's
 * anti-affinity may cover the node ({@code node(s) didn't satisfy existing pods anti-affinity rules}).
 *
 * <p>Score: preferred terms of the incoming pod (plus / minus their weight per matching existing pod) and of existing
 * pods (their preferred terms, and their required affinity terms with hardPodAffinityWeight), summed per topology
 * pair, then scaled min-max onto 0..100.
 *
 * <p>Namespace labels (for namespaceSelector) come from the function given at construction; the default knows no
 * labels, so only empty ({@code {}}) namespace selectors match.
 */
public final class InterPodAffinity implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin,
    ScorePlugin {
  public static final String NAME = "InterPodAffinity";
  public static final String REASON_AFFINITY = "node(s) didn't match pod affinity rules";
  public static final String REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
  public static final String REASON_EXISTING_ANTI_AFFINITY =
      "node(s) didn't satisfy existing pods anti-affinity rules";
  /** InterPodAffinityArgs.hardPodAffinityWeight's default. */
  public static final int DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;

  /** A node label {@code key=value}. */
  record TopologyPair(String key, String value) {}

  /**
   * PreFilter's counts per topology pair (pairs counting zero are left out, so an empty map means no match anywhere).
   * A preemption dry run changes them through {@link #addPod} / {@link #removePod} on its own copy.
   */
  record FilterState(PodAffinityTerms terms, Map<TopologyPair, Integer> existingAnti,
      Map<TopologyPair, Integer> affinity, Map<TopologyPair, Integer> antiAffinity)
      implements CycleState.Copyable<FilterState> {
    @Override
    public FilterState copy() {
      return new FilterState(terms, new HashMap<>(existingAnti), new HashMap<>(affinity), new HashMap<>(antiAffinity));
    }
  }

  record ScoreState(Map<String, Map<String, Long>> topologyScore) {}

  static final CycleState.Key<FilterState> FILTER = new CycleState.Key<>(NAME + "/filter", FilterState.class);
  static final CycleState.Key<ScoreState> SCORE = new CycleState.Key<>(NAME + "/score", ScoreState.class);

  private final int hardPodAffinityWeight;
  private final Function<String, Map<String, String>> namespaceLabels;

  public InterPodAffinity() {
    this(DEFAULT_HARD_POD_AFFINITY_WEIGHT, ns -> Map.of());
  }

  public InterPodAffinity(int hardPodAffinityWeight, Function<String, Map<String, String>> namespaceLabels) {
    if (hardPodAffinityWeight < 0 || hardPodAffinityWeight > 100) {
      throw new IllegalArgumentException("hardPodAffinityWeight: Invalid value: " + hardPodAffinityWeight
          + ": not in valid range [0-100]");
    }
    this.hardPodAffinityWeight = hardPodAffinityWeight;
    this.namespaceLabels = namespaceLabels;
  }

  public int hardPodAffinityWeight() {
    return hardPodAffinityWeight;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PreFilterExtensions preFilterExtensions() {
    return this;
  }

  @Override
  public Status preFilter(CycleState state, V1.Pod pod) {
    PodAffinityTerms terms = PodAffinityTerms.of(pod);
    Map<String, String> podNsLabels = namespaceLabels.apply(pod.getMetadata().getNamespace());
    Map<TopologyPair, Integer> existingAnti = new HashMap<>();
    Map<TopologyPair, Integer> affinity = new HashMap<>();
    Map<TopologyPair, Integer> anti = new HashMap<>();
    boolean ownTerms = !terms.requiredAffinity().isEmpty() || !terms.requiredAntiAffinity().isEmpty();
    boolean ownTermsReadNsLabels = AffinityTerm.readNamespaceLabels(terms.requiredAffinity(),
        terms.requiredAntiAffinity());
    if (!ownTerms && state.read(AllNodes.KEY).map(AllNodes::nodesWithRequiredAntiAffinityPods).orElse(1) == 0) {
      return Status.skip(); // no term of its own and no existing pod with required anti-affinity
    }
    for (NodeInfo n : AllNodes.in(state)) {
      if (!ownTerms && n.podsWithRequiredAntiAffinity().isEmpty()) {
        continue;
      }
      Map<String, String> labels = n.labels();
      for (V1.Pod existing : n.podsWithRequiredAntiAffinity()) {
        List<AffinityTerm> theirs = PodAffinityTerms.of(existing).requiredAntiAffinity();
        for (AffinityTerm t : theirs) {
          if (t.matches(pod, podNsLabels)) {
            count(existingAnti, labels, t.topologyKey());
          }
        }
      }
      if (!ownTerms) {
        continue;
      }
      for (V1.Pod existing : n.pods()) {
        Map<String, String> nsLabels = ownTermsReadNsLabels
            ? namespaceLabels.apply(existing.getMetadata().getNamespace()) : Map.of();
        if (AffinityTerm.allMatch(terms.requiredAffinity(), existing, nsLabels)) {
          for (AffinityTerm t : terms.requiredAffinity()) {
            count(affinity, labels, t.topologyKey());
          }
        }
        for (AffinityTerm t : terms.requiredAntiAffinity()) {
          if (t.matches(existing, nsLabels)) {
            count(anti, labels, t.topologyKey());
          }
        }
      }
    }
    if (!ownTerms && existingAnti.isEmpty()) {
      return Status.skip();
    }
    state.write(FILTER, new FilterState(terms, existingAnti, affinity, anti));
    return Status.success();
  }

  private static void count(Map<TopologyPair, Integer> counts, Map<String, String> labels, String key) {
    add(counts, labels, key, 1);
  }

  /** Adds {@code delta} to the node's pair for {@code key}; a pair down to zero is dropped (as upstream). */
  private static void add(Map<TopologyPair, Integer> counts, Map<String, String> labels, String key, int delta) {
    String v = labels.get(key);
    if (v != null) {
      counts.merge(new TopologyPair(key, v), delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /** A preemption dry run put {@code podToAdd} back on {@code nodeInfo}: count it again (upstream's AddPod). */
  @Override
  public Status addPod(CycleState state, V1.Pod podToSchedule, V1.Pod podToAdd, NodeInfo nodeInfo) {
    return updateWithPod(state, podToSchedule, podToAdd, nodeInfo, 1);
  }

  /** A preemption dry run took {@code podToRemove} off {@code nodeInfo}: stop counting it (upstream's RemovePod). */
  @Override
  public Status removePod(CycleState state, V1.Pod podToSchedule, V1.Pod podToRemove, NodeInfo nodeInfo) {
    return updateWithPod(state, podToSchedule, podToRemove, nodeInfo, -1);
  }

  /**
   * Upstream's updateWithPod: {@code updated}'s required anti-affinity terms that select the incoming pod, and the
   * incoming pod's required affinity (all terms must match) and anti-affinity terms that select {@code updated},
   * counted with {@code delta} in the node's topology pairs.
   */
  private Status updateWithPod(CycleState state, V1.Pod pod, V1.Pod updated, NodeInfo nodeInfo, int delta) {
    FilterState s = state.get(FILTER);
    if (s == null) {
      return Status.error("reading \"PreFilter" + NAME + "\" from cycleState: not found");
    }
    Map<String, String> labels = nodeInfo.labels();
    if (updated.getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecutionCount()
        > 0) {
      Map<String, String> podNsLabels = namespaceLabels.apply(pod.getMetadata().getNamespace());
      for (AffinityTerm t : PodAffinityTerms.of(updated).requiredAntiAffinity()) {
        if (t.matches(pod, podNsLabels)) {
          add(s.existingAnti(), labels, t.topologyKey(), delta);
        }
      }
    }
    PodAffinityTerms terms = s.terms();
    if (terms.requiredAffinity().isEmpty() && terms.requiredAntiAffinity().isEmpty()) {
      return Status.success();
    }
    Map<String, String> nsLabels = namespaceLabels.apply(updated.getMetadata().getNamespace());
    if (AffinityTerm.allMatch(terms.requiredAffinity(), updated, nsLabels)) {
      for (AffinityTerm t : terms.requiredAffinity()) {
        add(s.affinity(), labels, t.topologyKey(), delta);
      }
    }
    for (AffinityTerm t : terms.requiredAntiAffinity()) {
      if (t.matches(updated, nsLabels)) {
        add(s.antiAffinity(), labels, t.topologyKey(), delta);
      }
    }
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    FilterState s = state.get(FILTER);
    if (s == null) {
      return Status.error("InterPodAffinity: Filter ran without its PreFilter state");
    }
    Map<String, String> labels = node.labels();
    if (!satisfiesAffinity(s, pod, labels)) {
      return Status.unresolvable(REASON_AFFINITY);
    }
    for (AffinityTerm t : s.terms().requiredAntiAffinity()) {
      String v = labels.get(t.topologyKey());
      if (v != null && s.antiAffinity().getOrDefault(new TopologyPair(t.topologyKey(), v), 0) > 0) {
        return Status.unschedulable(REASON_ANTI_AFFINITY);
      }
    }
    if (!s.existingAnti().isEmpty()) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (s.existingAnti().getOrDefault(new TopologyPair(e.getKey(), e.getValue()), 0) > 0) {
          return Status.unschedulable(REASON_EXISTING_ANTI_AFFINITY);
        }
      }
    }
    return Status.success();
  }

  private boolean satisfiesAffinity(FilterState s, V1.Pod pod, Map<String, String> labels) {
    boolean podsExist = true;
    for (AffinityTerm t : s.terms().requiredAffinity()) {
      String v = labels.get(t.topologyKey());
      if (v == null) {
        return false;
      }
      if (s.affinity().getOrDefault(new TopologyPair(t.topologyKey(), v), 0) <= 0) {
        podsExist = false;
      }
    }
    if (podsExist) {
      return true;
    }
    // The first pod of a group with affinity to itself: no pod matches yet, but the pod matches its own terms.
    return s.affinity().isEmpty() && AffinityTerm.allMatch(s.terms().requiredAffinity(), pod,
        namespaceLabels.apply(pod.getMetadata().getNamespace()));
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    PodAffinityTerms terms = PodAffinityTerms.of(pod);
    boolean hasConstraints = !terms.preferredAffinity().isEmpty() || !terms.preferredAntiAffinity().isEmpty();
    if (!hasConstraints && state.read(AllNodes.KEY).map(AllNodes::nodesWithAffinityPods).orElse(1) == 0) {
      return Status.skip(); // no preferred term of its own and no existing pod with (anti-)affinity
    }
    Map<String, String> podNsLabels = namespaceLabels.apply(pod.getMetadata().getNamespace());
    boolean ownTermsReadNsLabels = AffinityTerm.readNamespaceLabels(terms.preferredAffinity(),
        terms.preferredAntiAffinity());
    Map<String, Map<String, Long>> scores = new HashMap<>();
    List<NodeInfo> all = AllNodes.in(state).isEmpty() ? feasibleNodes : AllNodes.in(state);
    for (NodeInfo n : all) {
      List<V1.Pod> toProcess = hasConstraints ? n.pods() : n.podsWithAffinity();
      if (toProcess.isEmpty()) {
        continue;
      }
      Map<String, String> labels = n.labels();
      if (labels.isEmpty()) {
        continue;
      }
      for (V1.Pod existing : toProcess) {
        Map<String, String> existingNsLabels = ownTermsReadNsLabels
            ? namespaceLabels.apply(existing.getMetadata().getNamespace()) : Map.of();
        add(scores, terms.preferredAffinity(), existing, existingNsLabels, labels, 1);
        add(scores, terms.preferredAntiAffinity(), existing, existingNsLabels, labels, -1);
        if (!existing.getSpec().getAffinity().hasPodAffinity() && !existing.getSpec().getAffinity()
            .hasPodAntiAffinity()) {
          continue;
        }
        PodAffinityTerms theirs = PodAffinityTerms.of(existing);
        if (hardPodAffinityWeight > 0) {
          for (AffinityTerm t : theirs.requiredAffinity()) {
            addTerm(scores, t, hardPodAffinityWeight, pod, podNsLabels, labels, 1);
          }
        }
        add(scores, theirs.preferredAffinity(), pod, podNsLabels, labels, 1);
        add(scores, theirs.preferredAntiAffinity(), pod, podNsLabels, labels, -1);
      }
    }
    if (scores.isEmpty()) {
      return Status.skip();
    }
    state.write(SCORE, new ScoreState(scores));
    return Status.success();
  }

  private static void add(Map<String, Map<String, Long>> scores, List<AffinityTerm> terms, V1.Pod target,
      Map<String, String> nsLabels, Map<String, String> nodeLabels, int sign) {
    for (AffinityTerm t : terms) {
      addTerm(scores, t, t.weight(), target, nsLabels, nodeLabels, sign);
    }
  }

  private static void addTerm(Map<String, Map<String, Long>> scores, AffinityTerm t, int weight, V1.Pod target,
      Map<String, String> nsLabels, Map<String, String> nodeLabels, int sign) {
    if (!t.matches(target, nsLabels)) {
      return;
    }
    String v = nodeLabels.get(t.topologyKey());
    if (v != null) {
      scores.computeIfAbsent(t.topologyKey(), k -> new HashMap<>()).merge(v, (long) weight * sign, Long::sum);
    }
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    ScoreState s = state.get(SCORE);
    if (s == null) {
      return 0;
    }
    long score = 0;
    Map<String, String> labels = node.labels();
    for (Map.Entry<String, Map<String, Long>> e : s.topologyScore().entrySet()) {
      String v = labels.get(e.getKey());
      if (v != null) {
        score += e.getValue().getOrDefault(v, 0L);
      }
    }
    return score;
  }

  /** Min-max scaling onto 0..100 (all equal: 0), as upstream's NormalizeScore. */
  @Override
  public void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {
    if (scores.length == 0) {
      return;
    }
    long min = scores[0];
    long max = scores[0];
    for (long v : scores) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    long diff = max - min;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? (long) (MAX_NODE_SCORE * ((double) (scores[i] - min) / diff)) : 0L;
    }
  }
}
