package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import windlass.scheduler.framework.PodPriority;

/** Nodes where preemption would let the pod fit, and upstream's choice among them (pickOneNodeForPreemption). */
final class Candidates {
  /** A node and the pods to evict there (most important first), with how many of them would violate a PDB. */
  record Candidate(String nodeName, List<V1.Pod> victims, int pdbViolations) {
    Candidate {
      victims = List.copyOf(victims);
    }
  }

  private Candidates() {}

  /**
   * Upstream's order of preference: the fewest PDB violations; then the lowest priority among each node's most
   * important victim; then the smallest sum of victim priorities; then the fewest victims; then the node whose most
   * important victims started latest; then the first.
   */
  static Candidate pick(List<Candidate> candidates) {
    for (Candidate c : candidates) {
      if (c.victims().isEmpty()) {
        return c; // nothing to evict: a perfect node
      }
    }
    List<Candidate> left = new ArrayList<>(candidates);
    left = keepMin(left, Candidate::pdbViolations);
    left = keepMin(left, c -> PodPriority.of(c.victims().get(0)));
    // Shifted by 2^31 so negative priorities cannot make a sum smaller than fewer, higher ones.
    left = keepMin(left, c -> c.victims().stream().mapToLong(p -> PodPriority.of(p) + (long) Integer.MAX_VALUE + 1)
        .sum());
    left = keepMin(left, c -> c.victims().size());
    left = keepMin(left, c -> -earliestStartOfMostImportant(c.victims()).getEpochSecond());
    return left.get(0);
  }

  private static List<Candidate> keepMin(List<Candidate> in, ToLongFunction<Candidate> key) {
    if (in.size() <= 1) {
      return in;
    }
    long min = Long.MAX_VALUE;
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : in) {
      long k = key.applyAsLong(c);
      if (k < min) {
        min = k;
        out.clear();
      }
      if (k == min) {
        out.add(c);
      }
    }
    return out;
  }

  /** Upstream's GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
  static Instant earliestStartOfMostImportant(List<V1.Pod> victims) {
    int top = Integer.MIN_VALUE;
    for (V1.Pod p : victims) {
      top = Math.max(top, PodPriority.of(p));
    }
    Instant earliest = Instant.MAX;
    for (V1.Pod p : victims) {
      Instant s = DefaultPreemption.startTime(p);
      if (PodPriority.of(p) == top && s.isBefore(earliest)) {
        earliest = s;
      }
    }
    return earliest;
  }

  /** Upstream's MoreImportantPod, as a sort order: higher priority first, then the one that started earlier. */
  static int moreImportantFirst(V1.Pod a, V1.Pod b) {
    int c = Integer.compare(PodPriority.of(b), PodPriority.of(a));
    return c != 0 ? c : DefaultPreemption.startTime(a).compareTo(DefaultPreemption.startTime(b));
  }
}
