package windlass.scheduler.framework;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.util.Map;

/**
 * What a pod asks of a node, computed as upstream's resource.PodRequests: the sum over containers; init containers
 * run one at a time, so they count by their maximum (each plus the restartable "sidecar" init containers started
 * before it, which keep running and so also add to the sum); plus spec.overhead.
 */
public final class PodRequests {
  /** Upstream's defaults for containers that request no CPU or memory, used when scoring (non-zero requests). */
  public static final long DEFAULT_MILLI_CPU = 100;
  public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  /**
   * Computed requests by pod instance (weak keys compare by identity): the scheduler asks for the same pod's requests
   * on every node it filters and scores, and for every pod on a node each time the node's NodeInfo is rebuilt, and
   * parsing quantities each time dominated a scheduling cycle.
   */
  private static final Cache<V1.Pod, Resource> REQUESTS = CacheBuilder.newBuilder().weakKeys().build();
  private static final Cache<V1.Pod, Resource> NON_ZERO = CacheBuilder.newBuilder().weakKeys().build();

  private PodRequests() {}

  /** The pod's requests, as NodeResourcesFit's filter counts them. */
  public static Resource of(V1.Pod pod) {
    return memo(REQUESTS, pod, false);
  }

  /**
   * Records that {@code copy} asks for what {@code original} asks for (the assumed copy of a pod, which differs only
   * in spec.nodeName), so the cache's next NodeInfo does not parse its quantities again.
   */
  public static void sameAs(V1.Pod copy, V1.Pod original) {
    Resource r = REQUESTS.getIfPresent(original);
    if (r != null) {
      REQUESTS.put(copy, r);
    }
    Resource nz = NON_ZERO.getIfPresent(original);
    if (nz != null) {
      NON_ZERO.put(copy, nz);
    }
  }

  private static Resource memo(Cache<V1.Pod, Resource> cache, V1.Pod pod, boolean nonZero) {
    Resource r = cache.getIfPresent(pod);
    if (r == null) {
      r = compute(pod, nonZero);
      cache.put(pod, r);
    }
    return r;
  }

  /**
   * The pod's requests with 100m CPU and 200Mi memory assumed for each container that asks for none, as upstream
   * scores nodes, so best-effort pods still spread.
   */
  public static Resource nonZero(V1.Pod pod) {
    return memo(NON_ZERO, pod, true);
  }

  private static Resource compute(V1.Pod pod, boolean nonZero) {
    Resource sum = Resource.ZERO;
    for (V1.Container c : pod.getSpec().getContainersList()) {
      sum = sum.plus(container(c, nonZero));
    }
    Resource sidecars = Resource.ZERO;
    Resource init = Resource.ZERO;
    for (V1.Container c : pod.getSpec().getInitContainersList()) {
      Resource r = container(c, nonZero);
      if ("Always".equals(c.getRestartPolicy())) {
        sum = sum.plus(r);
        sidecars = sidecars.plus(r);
        init = init.max(sidecars);
      } else {
        init = init.max(r.plus(sidecars));
      }
    }
    Resource total = sum.max(init);
    if (pod.getSpec().getOverheadCount() > 0) {
      total = total.plus(Resource.of(pod.getSpec().getOverheadMap()));
    }
    return total;
  }

  private static Resource container(V1.Container c, boolean nonZero) {
    Map<String, Quantity> req = c.getResources().getRequestsMap();
    if (!nonZero) {
      return Resource.of(req);
    }
    Resource r = Resource.of(req);
    long cpu = req.containsKey(Resource.CPU) ? r.milliCpu() : DEFAULT_MILLI_CPU;
    long mem = req.containsKey(Resource.MEMORY) ? r.memory() : DEFAULT_MEMORY;
    return new Resource(cpu, mem, r.ephemeralStorage(), 0, r.scalars());
  }
}
