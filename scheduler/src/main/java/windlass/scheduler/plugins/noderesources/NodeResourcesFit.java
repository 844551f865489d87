package windlass.scheduler.plugins.noderesources;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PodRequests;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.Resource;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;

/**
 * Does the node have room for the pod? PreFilter computes the pod's requests once; Filter compares them with what the
 * node's allocatable leaves after the requests of its pods (pod count, cpu, memory, ephemeral-storage, extended
 * resources such as nvidia.com/gpu), with upstream's reasons ("Too many pods", "Insufficient cpu"). Score: the
 * configured {@link ScoringStrategy} (LeastAllocated by default, favouring nodes with more free cpu and memory).
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  public static final String NAME = "NodeResourcesFit";
  static final CycleState.Key<Resource> REQUESTS = new CycleState.Key<>(NAME + "/requests", Resource.class);
  static final CycleState.Key<Resource> NON_ZERO = new CycleState.Key<>(NAME + "/non-zero-requests",
      Resource.class);

  private final ScoringStrategy strategy;

  /** Upstream's default: LeastAllocated over cpu and memory. */
  public NodeResourcesFit() {
    this(ScoringStrategy.leastAllocated());
  }

  public NodeResourcesFit(ScoringStrategy strategy) {
    this.strategy = strategy;
  }

  public ScoringStrategy strategy() {
    return strategy;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, V1.Pod pod) {
    state.write(REQUESTS, PodRequests.of(pod));
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, V1.Pod pod, NodeInfo node) {
    Resource req = state.get(REQUESTS);
    if (req == null) {
      req = PodRequests.of(pod);
    }
    if (fits(req, node)) {
      return Status.success();
    }
    return Status.unschedulable(insufficient(req, node));
  }

  /** The allocation-free check the filter runs on every node; {@link #insufficient} says why not. */
  static boolean fits(Resource req, NodeInfo node) {
    if (node.podCount() + 1 > node.allocatablePods()) {
      return false;
    }
    if (req.milliCpu() > 0 && req.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu()) {
      return false;
    }
    if (req.memory() > 0 && req.memory() > node.allocatableMemory() - node.requestedMemory()) {
      return false;
    }
    if (req.ephemeralStorage() > 0
        && req.ephemeralStorage() > node.allocatableEphemeralStorage() - node.requestedEphemeralStorage()) {
      return false;
    }
    if (!req.scalars().isEmpty()) {
      Resource alloc = node.allocatable();
      Resource used = node.requested();
      for (Map.Entry<String, Long> e : req.scalars().entrySet()) {
        if (e.getValue() > 0 && e.getValue() > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) {
          return false;
        }
      }
    }
    return true;
  }

  /** The reasons {@code node} cannot take a pod requesting {@code req}, in upstream's order; empty if it can. */
  static List<String> insufficient(Resource req, NodeInfo node) {
    List<String> reasons = new ArrayList<>();
    Resource alloc = node.allocatable();
    Resource used = node.requested();
    if (node.pods().size() + 1 > alloc.pods()) {
      reasons.add("Too many pods");
    }
    if (req.isZero()) {
      return reasons;
    }
    if (req.milliCpu() > 0 && req.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
      reasons.add("Insufficient cpu");
    }
    if (req.memory() > 0 && req.memory() > alloc.memory() - used.memory()) {
      reasons.add("Insufficient memory");
    }
    if (req.ephemeralStorage() > 0 && req.ephemeralStorage() > alloc.ephemeralStorage() - used.ephemeralStorage()) {
      reasons.add("Insufficient ephemeral-storage");
    }
    for (Map.Entry<String, Long> e : req.scalars().entrySet()) {
      if (e.getValue() > 0 && e.getValue() > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) {
        reasons.add("Insufficient " + e.getKey());
      }
    }
    return reasons;
  }

  /** Computes the pod's non-zero requests once for all nodes' scores. */
  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    state.write(NON_ZERO, PodRequests.nonZero(pod));
    return Status.success();
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    Resource req = state == null ? null : state.get(NON_ZERO);
    if (req == null) {
      req = PodRequests.nonZero(pod);
    }
    return strategy.score(req, node);
  }
}
