package windlass.apiserver.registry.core;

import windlass.client.Quantities;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** upstream's GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' cpu and memory requests and limits. */
final class PodQos {
  private static final Set<String> COMPUTE = Set.of("cpu", "memory");

  private PodQos() {}

  static String of(V1.PodSpec spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    List<V1.Container> all = new ArrayList<>(spec.getContainersList());
    all.addAll(spec.getInitContainersList());
    for (V1.Container c : all) {
      add(requests, c.getResources().getRequestsMap());
      Set<String> limitsFound = add(limits, c.getResources().getLimitsMap());
      if (!limitsFound.containsAll(COMPUTE)) {
        guaranteed = false;
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> r : requests.entrySet()) {
        BigDecimal l = limits.get(r.getKey());
        if (l == null || l.compareTo(r.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static Set<String> add(Map<String, BigDecimal> into, Map<String, Quantity> from) {
    java.util.HashSet<String> found = new java.util.HashSet<>();
    for (Map.Entry<String, Quantity> e : from.entrySet()) {
      if (!COMPUTE.contains(e.getKey())) {
        continue;
      }
      BigDecimal v;
      try {
        v = Quantities.parse(e.getValue().getString());
      } catch (IllegalArgumentException ex) {
        continue; // validation reports it
      }
      if (v.signum() != 0) {
        into.merge(e.getKey(), v, BigDecimal::add);
        found.add(e.getKey());
      }
    }
    return found;
  }
}
