package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import windlass.scheduler.framework.Code;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.Diagnosis;
import windlass.scheduler.framework.FitError;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PodPriority;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.Status;

/**
 * Upstream's DefaultPreemption PostFilter: when no node fits a pod, finds nodes where evicting pods of lower priority
 * would let it fit, picks the node whose victims cost least ({@link Candidates#pick}), evicts them and nominates the
 * node (the scheduler sets {@code status.nominatedNodeName}; the pod is retried once the victims are gone).
 *
 * <p>Its message goes into the FitError as upstream's: {@code preemption: 0/3 nodes are available: 3 No preemption
 * victims found for incoming pod.} Pods with {@code preemptionPolicy: Never} never preempt. PodDisruptionBudgets
 * shape the choice as upstream's: victims whose eviction would violate one are reprieved first, and the node with the
 * fewest violating victims wins. Victims go through the eviction subresource, which refuses to violate a budget
 * (429); such a refusal ends the attempt with an error status, and the pod retries after its backoff.
 */
public final class DefaultPreemption implements PostFilterPlugin {
  public static final String NAME = "DefaultPreemption";
  static final String NO_VICTIMS = "No preemption victims found for incoming pod";
  static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  /** Upstream's MinCandidateNodesPercentage and MinCandidateNodesAbsolute defaults. */
  static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
  static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

  private static final System.Logger LOG = System.getLogger(DefaultPreemption.class.getName());

  private final Victims victims;
  private final DisruptionBudgets budgets;
  private final NominationClearer nominations;
  private final RandomGenerator random;

  /**
   * @param victims evicts the chosen victims
   * @param random picks where among the nodes the search for candidates starts (as upstream, to spread preemption)
   */
  public DefaultPreemption(Victims victims, RandomGenerator random) {
    this(victims, DisruptionBudgets.NONE, random);
  }

  /**
   * @param budgets the cluster's PodDisruptionBudgets, read once per preemption attempt
   */
  public DefaultPreemption(Victims victims, DisruptionBudgets budgets, RandomGenerator random) {
    this(victims, budgets, NominationClearer.NONE, random);
  }

  /**
   * @param nominations clears the nominations of lower-priority pods nominated to the node chosen for a preemptor
   */
  public DefaultPreemption(Victims victims, DisruptionBudgets budgets, NominationClearer nominations,
      RandomGenerator random) {
    this.victims = victims;
    this.budgets = budgets;
    this.nominations = nominations;
    this.random = random;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result postFilter(CycleState state, V1.Pod pod, Map<String, Status> nodeStatuses) {
    Result r = preempt(state, pod, nodeStatuses);
    String msg = r.status().message();
    if (msg.isEmpty()) {
      return r;
    }
    return new Result(new Status(r.status().code(), List.of("preemption: " + msg), "", r.status().error()),
        r.nominatedNodeName());
  }

  private Result preempt(CycleState state, V1.Pod pod, Map<String, Status> nodeStatuses) {
    Handle handle = state.read(HANDLE).orElseThrow(() -> new IllegalStateException(
        "DefaultPreemption needs the framework's PostFilter handle in the cycle state"));
    Optional<String> notEligible = notEligible(pod, handle, nodeStatuses);
    if (notEligible.isPresent()) {
      return new Result(Status.unschedulable(notEligible.get()), null);
    }
    List<NodeInfo> all = handle.nodes();
    Map<String, Status> statuses = new HashMap<>();
    List<Candidates.Candidate> found = findCandidates(state, pod, handle, all, nodeStatuses, statuses,
        budgets.list());
    if (found.isEmpty()) {
      for (NodeInfo n : all) {
        statuses.putIfAbsent(n.name(), Status.unresolvable(NOT_HELPFUL));
      }
      String fit = new FitError(pod, all.size(), new Diagnosis(statuses, Set.of(), "", "")).getMessage();
      return new Result(Status.unschedulable(fit), "");
    }
    Candidates.Candidate best = Candidates.pick(found);
    for (V1.Pod v : best.victims()) {
      try {
        victims.evict(v, pod, best.nodeName());
      } catch (RuntimeException e) {
        // A refused eviction (429: it would violate a PodDisruptionBudget) or any other failure ends this attempt;
        // the pod goes to backoff and its next cycle looks again. Victims already evicted stay evicted.
        return new Result(new Status(Code.ERROR, List.of("evicting pod " + v.getMetadata().getNamespace() + "/"
            + v.getMetadata().getName() + " from node " + best.nodeName() + ": " + e.getMessage()), "", e), null);
      }
    }
    clearLowerPriorityNominations(pod, handle, best.nodeName());
    return new Result(Status.success(), best.nodeName());
  }

  /**
   * As upstream's prepareCandidate: the pods of lower priority nominated to {@code nodeName} may no longer fit there
   * once {@code pod} takes it, so their nomination is cleared (those with status.nominatedNodeName set; the status
   * update moves them back to the queue). A failure is logged, not fatal.
   */
  private void clearLowerPriorityNominations(V1.Pod pod, Handle handle, String nodeName) {
    for (V1.Pod p : lowerPriorityNominated(pod, handle.nominatedPodsForNode(nodeName))) {
      try {
        nominations.clear(p);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot clear the nominatedNodeName of pod "
            + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + ": " + e.getMessage());
      }
    }
  }

  /** Upstream's getLowerPriorityNominatedPods: those of {@code nominated} with a lower priority than {@code pod}. */
  static List<V1.Pod> lowerPriorityNominated(V1.Pod pod, List<V1.Pod> nominated) {
    int priority = PodPriority.of(pod);
    List<V1.Pod> out = new ArrayList<>();
    for (V1.Pod p : nominated) {
      if (PodPriority.of(p) < priority) {
        out.add(p);
      }
    }
    return out;
  }

  /** Upstream's PodEligibleToPreemptOthers: the reason the pod may not preempt, if any. */
  static Optional<String> notEligible(V1.Pod pod, Handle handle, Map<String, Status> nodeStatuses) {
    if (pod.getSpec().getPreemptionPolicy().equals("Never")) {
      return Optional.of("not eligible due to preemptionPolicy=Never.");
    }
    String nominated = pod.getStatus().getNominatedNodeName();
    if (nominated.isEmpty()) {
      return Optional.empty();
    }
    Status s = nodeStatuses.get(nominated);
    if (s != null && s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
      return Optional.empty();
    }
    int priority = PodPriority.of(pod);
    for (NodeInfo n : handle.nodes()) {
      if (n.name().equals(nominated)) {
        for (V1.Pod p : n.pods()) {
          if (PodPriority.of(p) < priority && p.getMetadata().hasDeletionTimestamp()) {
            return Optional.of("not eligible due to a terminating pod on the nominated node.");
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Dry-runs preemption on the nodes where it might help (rejected as Unschedulable, not Unresolvable), starting at a
   * random offset and stopping once upstream's number of candidates (10% of the nodes, at least 100) is found. The
   * status of every node tried without success lands in {@code statuses}.
   */
  private List<Candidates.Candidate> findCandidates(CycleState state, V1.Pod pod, Handle handle,
      List<NodeInfo> all, Map<String, Status> nodeStatuses, Map<String, Status> statuses,
      List<V1Policy.PodDisruptionBudget> pdbs) {
    List<NodeInfo> potential = new ArrayList<>();
    for (NodeInfo n : all) {
      Status s = nodeStatuses.get(n.name());
      if (s == null || s.code() == Code.UNSCHEDULABLE) {
        potential.add(n);
      }
    }
    List<Candidates.Candidate> out = new ArrayList<>();
    if (potential.isEmpty()) {
      return out;
    }
    int wanted = numCandidates(all.size());
    int offset = random.nextInt(potential.size());
    for (int i = 0; i < potential.size() && out.size() < wanted; i++) {
      NodeInfo n = potential.get((offset + i) % potential.size());
      VictimSelection v = selectVictimsOnNode(state, pod, n, handle, pdbs);
      if (v.status().isSuccess()) {
        out.add(new Candidates.Candidate(n.name(), v.victims(), v.pdbViolations()));
      } else {
        statuses.put(n.name(), v.status());
      }
    }
    return out;
  }

  /** Upstream's calculateNumCandidates. */
  static int numCandidates(int numNodes) {
    int n = numNodes * MIN_CANDIDATE_NODES_PERCENTAGE / 100;
    n = Math.max(n, MIN_CANDIDATE_NODES_ABSOLUTE);
    return Math.min(n, numNodes);
  }

  /** The victims on one node (most important first), how many of them violate a PodDisruptionBudget, the status. */
  record VictimSelection(List<V1.Pod> victims, int pdbViolations, Status status) {
    static VictimSelection failed(Status status) {
      return new VictimSelection(List.of(), 0, status);
    }
  }

  /**
   * Upstream's SelectVictimsOnNode: remove every lower-priority pod; if the pod then fits, give back ("reprieve") as
   * many as possible, most important first: first those whose eviction would violate a PodDisruptionBudget, then the
   * others. The ones that could not be given back are the victims, most important first, and those of the first
   * group count as PDB violations. The dry run works on its own copy of {@code cycleState} ({@link CycleState#copy},
   * made only for a node with potential victims; {@code cycleState} is left as it is): each pod taken off or put back
   * is also reported to the PreFilter extensions, so plugins that count pods across nodes (InterPodAffinity,
   * PodTopologySpread) see the node as the dry run has it.
   */
  static VictimSelection selectVictimsOnNode(CycleState cycleState, V1.Pod pod, NodeInfo node, Handle handle,
      List<V1Policy.PodDisruptionBudget> pdbs) {
    int priority = PodPriority.of(pod);
    List<V1.Pod> kept = new ArrayList<>();
    List<V1.Pod> potential = new ArrayList<>();
    for (V1.Pod p : node.pods()) {
      (PodPriority.of(p) < priority ? potential : kept).add(p);
    }
    if (potential.isEmpty()) {
      return VictimSelection.failed(Status.unresolvable(NO_VICTIMS));
    }
    CycleState state = cycleState.copy();
    // As upstream: the node changes first, then the extensions hear of it with the node as it now is.
    NodeInfo whatIf = NodeInfo.of(node.node(), kept, node);
    for (V1.Pod p : potential) {
      Status s = handle.runPreFilterExtensionRemovePod(state, pod, p, whatIf);
      if (!s.isSuccess()) {
        return VictimSelection.failed(s);
      }
    }
    Status fits = handle.runFilters(state, pod, whatIf);
    if (!fits.isSuccess()) {
      return VictimSelection.failed(fits);
    }
    potential.sort(Candidates::moreImportantFirst);
    PdbViolations.Split split = PdbViolations.split(potential, pdbs);
    List<V1.Pod> victims = new ArrayList<>();
    int violations = 0;
    List<V1.Pod> reprieveOrder = new ArrayList<>(split.violating());
    reprieveOrder.addAll(split.nonViolating());
    for (int i = 0; i < reprieveOrder.size(); i++) {
      V1.Pod p = reprieveOrder.get(i);
      kept.add(p);
      NodeInfo with = NodeInfo.of(node.node(), kept, node);
      Status s = handle.runPreFilterExtensionAddPod(state, pod, p, with);
      if (!s.isSuccess()) {
        return VictimSelection.failed(s);
      }
      if (handle.runFilters(state, pod, with).isSuccess()) {
        whatIf = with;
        continue;
      }
      kept.remove(kept.size() - 1);
      s = handle.runPreFilterExtensionRemovePod(state, pod, p, whatIf);
      if (!s.isSuccess()) {
        return VictimSelection.failed(s);
      }
      victims.add(p);
      if (i < split.violating().size()) {
        violations++;
      }
    }
    if (!split.violating().isEmpty() && !split.nonViolating().isEmpty()) {
      victims.sort(Candidates::moreImportantFirst);
    }
    return new VictimSelection(victims, violations, Status.success());
  }

  /** When a pod started (status.startTime); a pod that has not started counts as starting now, i.e. latest. */
  static Instant startTime(V1.Pod p) {
    if (!p.getStatus().hasStartTime()) {
      return Instant.MAX;
    }
    return Instant.ofEpochSecond(p.getStatus().getStartTime().getSeconds(), p.getStatus().getStartTime().getNanos());
  }
}
