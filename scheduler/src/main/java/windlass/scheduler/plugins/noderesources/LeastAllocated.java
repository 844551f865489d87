package windlass.scheduler.plugins.noderesources;

import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.Resource;
import windlass.scheduler.framework.ScorePlugin;

/**
 * Upstream's LeastAllocated scoring strategy: for each resource, {@code (allocatable - requested) * 100 /
 * allocatable} where requested counts the node's pods and this one (with non-zero defaults), 0 when it would not fit;
 * the node's score is the weighted mean over resources the node has.
 */
public final class LeastAllocated {
  private final int cpuWeight;
  private final int memoryWeight;

  public LeastAllocated(int cpuWeight, int memoryWeight) {
    this.cpuWeight = cpuWeight;
    this.memoryWeight = memoryWeight;
  }

  /** cpu and memory, weight 1 each: upstream's default. */
  public static LeastAllocated cpuAndMemory() {
    return new LeastAllocated(1, 1);
  }

  public long score(Resource podNonZero, NodeInfo node) {
    long score = 0;
    long weights = 0;
    long cpuAlloc = node.allocatable().milliCpu();
    if (cpuAlloc > 0) {
      score += least(node.nonZeroRequested().milliCpu() + podNonZero.milliCpu(), cpuAlloc) * cpuWeight;
      weights += cpuWeight;
    }
    long memAlloc = node.allocatable().memory();
    if (memAlloc > 0) {
      score += least(node.nonZeroRequested().memory() + podNonZero.memory(), memAlloc) * memoryWeight;
      weights += memoryWeight;
    }
    return weights == 0 ? 0 : score / weights;
  }

  static long least(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
  }
}
