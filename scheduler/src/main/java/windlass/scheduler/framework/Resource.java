package windlass.scheduler.framework;

import io.kubernetes.client.proto.Resource.Quantity;
import java.util.Map;
import java.util.TreeMap;
import windlass.client.Quantities;

/**
 * An amount of node resources: milli-CPU, memory and ephemeral-storage bytes, a pod count, and scalar (extended)
 * resources such as {@code nvidia.com/gpu} by name. Immutable.
 */
public record Resource(long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> scalars) {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
  public static final String PODS = "pods";
  public static final Resource ZERO = new Resource(0, 0, 0, 0, Map.of());

  public Resource {
    scalars = Map.copyOf(scalars);
  }

  /** Reads a ResourceList (requests, allocatable): cpu in milli-units, the others rounded up to whole units. */
  public static Resource of(Map<String, Quantity> list) {
    long cpu = 0;
    long mem = 0;
    long eph = 0;
    long pods = 0;
    Map<String, Long> scalars = null;
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      switch (e.getKey()) {
        case CPU -> cpu = Quantities.milliValue(e.getValue());
        case MEMORY -> mem = Quantities.value(e.getValue());
        case EPHEMERAL_STORAGE -> eph = Quantities.value(e.getValue());
        case PODS -> pods = Quantities.value(e.getValue());
        default -> {
          if (scalars == null) {
            scalars = new TreeMap<>();
          }
          scalars.put(e.getKey(), Quantities.value(e.getValue()));
        }
      }
    }
    return new Resource(cpu, mem, eph, pods, scalars == null ? Map.of() : scalars);
  }

  public Resource plus(Resource o) {
    if (o.scalars.isEmpty()) {
      // No scalar changes: keep this one's (already immutable) map and skip the copy.
      return new Resource(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage,
          pods + o.pods, scalars);
    }
    Map<String, Long> s = new TreeMap<>(scalars);
    o.scalars.forEach((k, v) -> s.merge(k, v, Long::sum));
    return new Resource(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage,
        pods + o.pods, s);
  }

  /** The larger of each dimension. */
  public Resource max(Resource o) {
    if (o.scalars.isEmpty()) {
      // Keys only this side has are kept as they are (as the merge below does).
      return new Resource(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory),
          Math.max(ephemeralStorage, o.ephemeralStorage), Math.max(pods, o.pods), scalars);
    }
    Map<String, Long> s = new TreeMap<>(scalars);
    o.scalars.forEach((k, v) -> s.merge(k, v, Math::max));
    return new Resource(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory),
        Math.max(ephemeralStorage, o.ephemeralStorage), Math.max(pods, o.pods), s);
  }

  public long scalar(String name) {
    return scalars.isEmpty() ? 0 : scalars.getOrDefault(name, 0L);
  }

  /** The amount of the resource called {@code name}: cpu in milli-units, pods, or a scalar (0 if none). */
  public long amount(String name) {
    return switch (name) {
      case CPU -> milliCpu;
      case MEMORY -> memory;
      case EPHEMERAL_STORAGE -> ephemeralStorage;
      case PODS -> pods;
      default -> scalar(name);
    };
  }

  /** True when no resource is asked for (a best-effort pod). */
  public boolean isZero() {
    return milliCpu == 0 && memory == 0 && ephemeralStorage == 0 && scalars.values().stream().allMatch(v -> v == 0);
  }
}
