package windlass.scheduler.plugins.noderesources;

import java.util.List;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Resource;
import windlass.scheduler.framework.ScorePlugin;

/**
 * NodeResourcesFit's scoring strategy (upstream NodeResourcesFitArgs.scoringStrategy): LeastAllocated (prefer free
 * nodes, the default), MostAllocated (pack nodes) or RequestedToCapacityRatio (a piecewise-linear function of
 * utilization), over weighted resources (default cpu and memory, weight 1 each).
 *
 * @param type the strategy
 * @param resources the resources scored and their weights
 * @param shape RequestedToCapacityRatio's points, utilization 0-100 ascending, score 0-10 (empty for the others)
 */
public record ScoringStrategy(Type type, List<ResourceWeight> resources, List<ShapePoint> shape) {
  /** Upstream's ScoringStrategyType names. */
  public enum Type { LeastAllocated, MostAllocated, RequestedToCapacityRatio }

  public record ResourceWeight(String name, long weight) {}

  public record ShapePoint(long utilization, long score) {}

  /** Upstream's MaxCustomPriorityScore: shape scores go from 0 to 10. */
  static final long MAX_SHAPE_SCORE = 10;

  public static final List<ResourceWeight> CPU_AND_MEMORY =
      List.of(new ResourceWeight(Resource.CPU, 1), new ResourceWeight(Resource.MEMORY, 1));

  public ScoringStrategy {
    resources = List.copyOf(resources);
    shape = List.copyOf(shape);
    if (type == Type.RequestedToCapacityRatio && shape.isEmpty()) {
      throw new IllegalArgumentException("scoringStrategy.requestedToCapacityRatio.shape: Required value: at least "
          + "one point must be specified");
    }
  }

  public static ScoringStrategy leastAllocated() {
    return new ScoringStrategy(Type.LeastAllocated, CPU_AND_MEMORY, List.of());
  }

  /** The same strategy with nvidia.com/gpu (weight 1) scored too. */
  public ScoringStrategy withGpu() {
    List<ResourceWeight> more = new java.util.ArrayList<>(resources);
    more.add(new ResourceWeight("nvidia.com/gpu", 1));
    return new ScoringStrategy(type, more, shape);
  }

  /**
   * The node's score for a pod requesting {@code podNonZero} (its requests with upstream's non-zero cpu/memory
   * defaults): resources the node has none of are left out, as are extended resources the pod does not ask for.
   */
  public long score(Resource podNonZero, NodeInfo node) {
    long sum = 0;
    long weights = 0;
    for (ResourceWeight r : resources) {
      long alloc = allocatable(r.name(), podNonZero, node);
      if (alloc == 0) {
        continue;
      }
      long req = node.nonZeroRequested(r.name()) + podNonZero.amount(r.name());
      long s = switch (type) {
        case LeastAllocated -> least(req, alloc);
        case MostAllocated -> most(req, alloc);
        case RequestedToCapacityRatio -> ratio(req, alloc);
      };
      if (type == Type.RequestedToCapacityRatio && s <= 0) {
        continue;
      }
      sum += s * r.weight();
      weights += r.weight();
    }
    if (weights == 0) {
      return 0;
    }
    return type == Type.RequestedToCapacityRatio ? Math.round((double) sum / weights) : sum / weights;
  }

  /** The node's allocatable amount of {@code name}; 0 (left out) for an extended resource the pod does not ask. */
  static long allocatable(String name, Resource pod, NodeInfo node) {
    return switch (name) {
      case Resource.CPU, Resource.MEMORY, Resource.EPHEMERAL_STORAGE, Resource.PODS -> node.allocatable(name);
      default -> pod.scalar(name) == 0 ? 0 : node.allocatable(name);
    };
  }

  /** Free share: {@code (capacity - requested) * 100 / capacity}, 0 when it would not fit. */
  static long least(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
  }

  /** Used share: {@code requested * 100 / capacity}, 100 when over (pods without requests count defaults). */
  static long most(long requested, long capacity) {
    if (capacity == 0) {
      return 0;
    }
    return Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity;
  }

  /** The shape's value at the node's utilization (requests over capacity count as 100%). */
  long ratio(long requested, long capacity) {
    long utilization = capacity == 0 || requested > capacity ? 100 : requested * 100 / capacity;
    long factor = ScorePlugin.MAX_NODE_SCORE / MAX_SHAPE_SCORE;
    for (int i = 0; i < shape.size(); i++) {
      ShapePoint p = shape.get(i);
      if (utilization <= p.utilization()) {
        if (i == 0) {
          return p.score() * factor;
        }
        ShapePoint prev = shape.get(i - 1);
        return prev.score() * factor + (p.score() - prev.score()) * factor * (utilization - prev.utilization())
            / (p.utilization() - prev.utilization());
      }
    }
    return shape.get(shape.size() - 1).score() * factor;
  }
}
