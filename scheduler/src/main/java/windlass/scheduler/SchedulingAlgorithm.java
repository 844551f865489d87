package windlass.scheduler;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import windlass.scheduler.cache.Snapshot;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Diagnosis;
import windlass.scheduler.framework.FitError;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PodNominator;
import windlass.scheduler.framework.Status;

/**
 * Picks a node for one pod, as upstream's schedulePod: PreFilter, Filter on every node, then (with more than one
 * feasible node) Score and pick the highest, breaking ties at random. Like upstream it stops filtering once enough
 * nodes were found feasible (percentageOfNodesToScore, adaptive by default), starting each cycle where the last one
 * stopped.
 */
final class SchedulingAlgorithm {
  private static final System.Logger LOG = System.getLogger(SchedulingAlgorithm.class.getName());
  /** Upstream's ErrNoNodesAvailable. */
  static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

  /** The chosen node, and how many nodes were evaluated and found feasible. */
  record Result(String nodeName, int evaluatedNodes, int feasibleNodes) {}

  /** No node is schedulable at all. */
  static final class NoNodesAvailable extends Exception {
    private static final long serialVersionUID = 1L;

    NoNodesAvailable() {
      super(NO_NODES_AVAILABLE);
    }
  }

  /** A plugin failed with an error (not a rejection). */
  static final class PluginError extends Exception {
    private static final long serialVersionUID = 1L;

    PluginError(Status s) {
      super("running " + (s.plugin().isEmpty() ? "plugin" : "plugin \"" + s.plugin() + "\"") + ": " + s.message(),
          s.error());
    }
  }

  /** Upstream's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

  private final Framework framework;
  private final RandomGenerator random;
  private final int percentageOfNodesToScore;
  private final PodNominator nominator;
  /** Where the next cycle starts filtering, so sampled cycles take turns over the nodes (as upstream). */
  private int nextStartNodeIndex;

  SchedulingAlgorithm(Framework framework, RandomGenerator random) {
    this(framework, random, 0);
  }

  /**
   * @param percentageOfNodesToScore stop filtering once this share of the nodes was found feasible (at least 100
   *     nodes); 0 is upstream's adaptive default ({@code 50 - nodes/125} percent, at least 5), 100 filters all
   */
  SchedulingAlgorithm(Framework framework, RandomGenerator random, int percentageOfNodesToScore) {
    this(framework, random, percentageOfNodesToScore, PodNominator.NONE);
  }

  /**
   * @param nominator the pods nominated to nodes, counted by the filters on their node (upstream's
   *     RunFilterPluginsWithNominatedPods)
   */
  SchedulingAlgorithm(Framework framework, RandomGenerator random, int percentageOfNodesToScore,
      PodNominator nominator) {
    this.framework = framework;
    this.random = random;
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.nominator = nominator;
  }

  /** Upstream's numFeasibleNodesToFind. */
  static int numFeasibleNodesToFind(int percentage, int numAllNodes) {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
      return numAllNodes;
    }
    if (percentage == 0) {
      percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - numAllNodes / 125);
    }
    int n = (int) ((long) numAllNodes * percentage / 100);
    return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
  }

  Result schedule(CycleState state, V1.Pod pod, Snapshot snapshot) throws FitError, NoNodesAvailable, PluginError {
    if (snapshot.size() == 0) {
      throw new NoNodesAvailable();
    }
    state.write(AllNodes.KEY, snapshot.allNodes());
    state.write(PodNominator.KEY, nominator);
    Status pre = framework.runPreFilter(state, pod);
    if (pre.code() == Code.ERROR) {
      throw new PluginError(pre);
    }
    if (!pre.isSuccess()) {
      Map<String, Status> all = new HashMap<>();
      snapshot.nodes().forEach(n -> all.put(n.name(), pre));
      throw new FitError(pod, snapshot.size(), new Diagnosis(all, Set.of(pre.plugin()), pre.message(), ""));
    }
    Optional<String> nominatedFits = nominatedNodeFits(state, pod, snapshot);
    if (nominatedFits.isPresent()) {
      return new Result(nominatedFits.get(), 1, 1);
    }
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Status> rejected = new HashMap<>();
    Set<String> plugins = new HashSet<>();
    List<NodeInfo> all = snapshot.nodes();
    int want = numFeasibleNodesToFind(percentageOfNodesToScore, all.size());
    int start = nextStartNodeIndex % all.size();
    int processed = 0;
    // Taken once per cycle: with no pod nominated anywhere, the loop pays nothing more; otherwise only the nodes
    // with nominated pods run the filters with them.
    Map<String, List<V1.Pod>> nominated = nominator.nominatedPodsByNode();
    boolean anyNominated = !nominated.isEmpty();
    for (int i = 0; i < all.size() && feasible.size() < want; i++) {
      NodeInfo n = all.get((start + i) % all.size());
      processed++;
      List<V1.Pod> onNode = anyNominated ? nominated.get(n.name()) : null;
      Status s = onNode == null ? framework.runFilters(state, pod, n)
          : framework.runFiltersWithNominatedPods(state, pod, n, onNode);
      if (s.isSuccess()) {
        feasible.add(n);
      } else if (s.code() == Code.ERROR) {
        throw new PluginError(s);
      } else {
        rejected.put(n.name(), s);
        plugins.add(s.plugin());
      }
    }
    nextStartNodeIndex = (start + processed) % all.size();
    if (feasible.isEmpty()) {
      throw new FitError(pod, snapshot.size(), new Diagnosis(rejected, plugins, "", ""));
    }
    if (feasible.size() == 1) {
      return new Result(feasible.get(0).name(), processed, 1);
    }
    long[] scores = framework.runScore(state, pod, feasible);
    return new Result(selectHost(feasible, scores), processed, feasible.size());
  }

  /**
   * Upstream's evaluateNominatedNode: a pod nominated to a node by an earlier preemption tries that node first (it is
   * likely the only one the preemption made room on); if it passes the filters (with the nominated pods) the pod
   * goes there without filtering or scoring the others. A missing node or a plugin error there is logged and the
   * usual search follows, as upstream.
   */
  private Optional<String> nominatedNodeFits(CycleState state, V1.Pod pod, Snapshot snapshot) {
    String nominated = pod.getStatus().getNominatedNodeName();
    if (nominated.isEmpty()) {
      return Optional.empty();
    }
    Optional<NodeInfo> node = snapshot.get(nominated);
    if (node.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, "nominated node " + nominated + " of pod " + ScheduleOne.key(pod)
          + " is not in the snapshot");
      return Optional.empty();
    }
    Status s = framework.runFiltersWithNominatedPods(state, pod, node.get());
    if (s.code() == Code.ERROR) {
      LOG.log(System.Logger.Level.WARNING, "evaluation failed on nominated node " + nominated + " of pod "
          + ScheduleOne.key(pod) + ": " + s.message());
    }
    return s.isSuccess() ? Optional.of(nominated) : Optional.empty();
  }

  /**
   * The highest-scoring node ({@code scores[i]} is {@code nodes.get(i)}'s); among equals, each is equally likely
   * (reservoir sampling, as upstream).
   */
  private String selectHost(List<NodeInfo> nodes, long[] scores) {
    int best = -1;
    long bestScore = Long.MIN_VALUE;
    int ties = 0;
    for (int i = 0; i < scores.length; i++) {
      long s = scores[i];
      if (s > bestScore) {
        best = i;
        bestScore = s;
        ties = 1;
      } else if (s == bestScore) {
        ties++;
        if (random.nextInt(ties) == 0) {
          best = i;
        }
      }
    }
    return nodes.get(best).name();
  }
}
