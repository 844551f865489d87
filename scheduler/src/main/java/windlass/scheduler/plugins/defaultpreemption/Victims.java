package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1;

/** Removes a preemption victim from its node (the apiserver's eviction subresource; a fake in tests). */
public interface Victims {
  /**
   * Evicts {@code victim} to make room for {@code preemptor} on {@code nodeName}; a victim already gone counts as
   * evicted. Throws on any other failure (the message becomes the scheduling error).
   */
  void evict(V1.Pod victim, V1.Pod preemptor, String nodeName);
}
