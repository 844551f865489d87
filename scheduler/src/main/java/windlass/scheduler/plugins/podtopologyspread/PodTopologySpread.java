package windlass.scheduler.plugins.podtopologyspread;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Spreads matching pods over topology domains (zones, hosts), as upstream's PodTopologySpread.
 *
 * <p>Filter (DoNotSchedule constraints): PreFilter counts, once per pod, the matching pods in each domain over the
 * nodes that the node inclusion policies admit; a node is rejected when placing the pod there would make {@code
 * count + self - global minimum} exceed maxSkew (the minimum is 0 while there are fewer domains than minDomains),
 * or when it lacks the topology label.
 *
 * <p>Score (ScheduleAnyway constraints, or the default constraints for pods without any): fewer matching pods in the
 * node's domains score higher, each constraint weighted by log(number of domains + 2).
 */
public final class PodTopologySpread implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin,
    ScorePlugin {
  public static final String NAME = "PodTopologySpread";
  public static final String REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
  public static final String REASON_MISSING_LABEL =
      "node(s) didn't match pod topology spread constraints (missing required label)";

  /**
   * Per DoNotSchedule constraint: matching pods per domain value. A preemption dry run changes the counts through
   * {@link #addPod} / {@link #removePod} on its own copy.
   */
  record FilterState(List<SpreadConstraint> constraints, DomainCounts[] counts)
      implements CycleState.Copyable<FilterState> {
    @Override
    public FilterState copy() {
      DomainCounts[] c = new DomainCounts[counts.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].copy();
      }
      return new FilterState(constraints, c);
    }
  }

  /** Per scored constraint: matching pods per domain value, and its weight; nodes left out of scoring. */
  record ScoreState(List<SpreadConstraint> constraints, List<Map<String, Integer>> counts, double[] weights,
      Set<String> ignoredNodes) {}

  static final CycleState.Key<FilterState> FILTER = new CycleState.Key<>(NAME + "/filter", FilterState.class);
  static final CycleState.Key<ScoreState> SCORE = new CycleState.Key<>(NAME + "/score", ScoreState.class);

  private final SpreadDefaults defaults;

  /** Upstream's default: the system default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway). */
  public PodTopologySpread() {
    this(SpreadDefaults.system());
  }

  public PodTopologySpread(SpreadDefaults defaults) {
    this.defaults = defaults;
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
    List<SpreadConstraint> cs = pod.getSpec().getTopologySpreadConstraintsCount() > 0
        ? SpreadConstraint.ofPod(pod, true) : defaults.constraintsFor(pod, true);
    if (cs.isEmpty()) {
      return Status.skip();
    }
    DomainCounts[] counts = new DomainCounts[cs.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new DomainCounts();
    }
    String ns = pod.getMetadata().getNamespace().intern(); // NodeInfo interns its pods' namespaces
    for (NodeInfo n : AllNodes.in(state)) {
      if (!SpreadConstraint.nodeHasAllKeys(n, cs)) {
        continue;
      }
      for (int i = 0; i < cs.size(); i++) {
        SpreadConstraint c = cs.get(i);
        if (!c.includes(pod, n)) {
          continue;
        }
        counts[i].addWhileCounting(n.labels().get(c.topologyKey()), c.countMatching(n, ns));
      }
    }
    for (DomainCounts c : counts) {
      c.computeMin();
    }
    state.write(FILTER, new FilterState(cs, counts));
    return Status.success();
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
   * Upstream's updateWithPod: {@code updated}, if in the incoming pod's namespace, on a node with every topology key
   * and admitted by a constraint's node inclusion policies, counts {@code delta} in that constraint's domain when the
   * constraint's selector matches it. A terminating pod changes nothing, since PreFilter did not count it
   * (upstream's countPodsMatchSelector leaves terminating pods out too).
   */
  private Status updateWithPod(CycleState state, V1.Pod pod, V1.Pod updated, NodeInfo nodeInfo, int delta) {
    FilterState s = state.get(FILTER);
    if (s == null) {
      return Status.error("reading \"PreFilter" + NAME + "\" from cycleState: not found");
    }
    if (!updated.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
        || updated.getMetadata().hasDeletionTimestamp() || !SpreadConstraint.nodeHasAllKeys(nodeInfo,
            s.constraints())) {
      return Status.success();
    }
    Map<String, String> podLabels = updated.getMetadata().getLabelsMap();
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      if (c.selector().matches(podLabels) && c.includes(pod, nodeInfo)) {
        s.counts()[i].update(nodeInfo.labels().get(c.topologyKey()), delta);
      }
    }
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    FilterState s = state.get(FILTER);
    if (s == null) {
      return Status.error("PodTopologySpread: Filter ran without its PreFilter state");
    }
    Map<String, String> labels = node.labels();
    Map<String, String> podLabels = pod.getMetadata().getLabelsMap();
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        return Status.unresolvable(REASON_MISSING_LABEL);
      }
      int self = c.selector().matches(podLabels) ? 1 : 0;
      DomainCounts counts = s.counts()[i];
      if (counts.count(value) + self - counts.minMatch(c.minDomains()) > c.maxSkew()) {
        return Status.unschedulable(REASON_CONSTRAINTS);
      }
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    boolean ownConstraints = pod.getSpec().getTopologySpreadConstraintsCount() > 0;
    List<SpreadConstraint> cs = ownConstraints ? SpreadConstraint.ofPod(pod, false) : defaults.constraintsFor(pod, false);
    if (cs.isEmpty()) {
      return Status.skip();
    }
    // Upstream requires every topology label unless only the system defaults apply.
    boolean requireAll = ownConstraints || !defaults.isSystem();
    Set<String> ignored = new HashSet<>();
    List<Map<String, Integer>> counts = new ArrayList<>();
    cs.forEach(c -> counts.add(new HashMap<>()));
    int scoredNodes = 0;
    for (NodeInfo n : feasibleNodes) {
      if (requireAll && !SpreadConstraint.nodeHasAllKeys(n, cs)) {
        ignored.add(n.name());
        continue;
      }
      scoredNodes++;
      for (int i = 0; i < cs.size(); i++) {
        String key = cs.get(i).topologyKey();
        String value = n.labels().get(key);
        if (!key.equals(SpreadConstraint.HOSTNAME) && value != null) {
          counts.get(i).putIfAbsent(value, 0);
        }
      }
    }
    double[] weights = new double[cs.size()];
    for (int i = 0; i < cs.size(); i++) {
      int domains = cs.get(i).topologyKey().equals(SpreadConstraint.HOSTNAME) ? scoredNodes : counts.get(i).size();
      weights[i] = Math.log(domains + 2);
    }
    String ns = pod.getMetadata().getNamespace();
    List<NodeInfo> all = AllNodes.in(state).isEmpty() ? feasibleNodes : AllNodes.in(state);
    for (NodeInfo n : all) {
      if (requireAll && !SpreadConstraint.nodeHasAllKeys(n, cs)) {
        continue;
      }
      for (int i = 0; i < cs.size(); i++) {
        SpreadConstraint c = cs.get(i);
        if (c.topologyKey().equals(SpreadConstraint.HOSTNAME) || !c.includes(pod, n)) {
          continue;
        }
        String value = n.labels().get(c.topologyKey());
        if (value != null && counts.get(i).containsKey(value)) {
          counts.get(i).merge(value, c.countMatching(n, ns), Integer::sum);
        }
      }
    }
    state.write(SCORE, new ScoreState(cs, counts, weights, ignored));
    return Status.success();
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    ScoreState s = state.get(SCORE);
    if (s == null) {
      throw new IllegalStateException("PodTopologySpread: Score ran without its PreScore state");
    }
    if (!s.ignoredNodes().isEmpty() && s.ignoredNodes().contains(node.name())) {
      return 0;
    }
    double score = 0;
    Map<String, String> labels = node.labels();
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        continue;
      }
      long cnt = c.topologyKey().equals(SpreadConstraint.HOSTNAME)
          ? c.countMatching(node, pod.getMetadata().getNamespace())
          : s.counts().get(i).getOrDefault(value, 0);
      score += cnt * s.weights()[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  /** Fewer matching pods is better: {@code 100 * (max + min - score) / max}; ignored nodes get 0. */
  @Override
  public void normalize(CycleState state, V1.Pod pod, List<NodeInfo> nodes, long[] scores) {
    ScoreState s = state.get(SCORE);
    Set<String> ignored = s == null ? Set.of() : s.ignoredNodes();
    boolean anyIgnored = !ignored.isEmpty();
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < scores.length; i++) {
      if (anyIgnored && ignored.contains(nodes.get(i).name())) {
        continue;
      }
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    for (int i = 0; i < scores.length; i++) {
      if (anyIgnored && ignored.contains(nodes.get(i).name())) {
        scores[i] = 0;
      } else {
        scores[i] = max == 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE * (max + min - scores[i]) / max;
      }
    }
  }
}
