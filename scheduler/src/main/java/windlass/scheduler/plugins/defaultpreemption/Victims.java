package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;

/** Removes a preemption victim from its node (the apiserver's eviction subresource; a fake in tests). */
public interface Victims {
  /**
   * Evicts {@code victim} to make room for {@code preemptor} on {@code nodeName}; a victim already gone counts as
   * evicted. Throws on any other failure, a refused eviction (429: it would violate a PodDisruptionBudget) included;
   * DefaultPreemption then ends the attempt with an error status carrying the message.
   */
  void evict(V1.Pod victim, V1.Pod preemptor, String nodeName);
}
