package windlass.apiserver.registry.admission;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.Quantities;

/**
 * What one object charges against a ResourceQuota, as upstream's quota evaluators count it: every object
 * {@code count/<resource>}; pods {@code pods}, {@code cpu}/{@code memory} (= {@code requests.*}) and
 * {@code limits.*} (containers summed, or the largest init container when that is more), terminal pods nothing;
 * services {@code services}, {@code services.nodeports}, {@code services.loadbalancers}; claims
 * {@code persistentvolumeclaims} and {@code requests.storage}; configmaps and secrets their count.
 */
final class QuotaUsage {
  private static final Set<String> COMPUTE = Set.of("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu",
      "limits.memory", "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage");

  private QuotaUsage() {}

  static Map<String, BigDecimal> of(Kind kind, Message obj) {
    Map<String, BigDecimal> u = new TreeMap<>();
    if (kind.equals(Kinds.POD)) {
      V1.Pod p = (V1.Pod) obj;
      String phase = p.getStatus().getPhase();
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        return u;
      }
      u.put("pods", BigDecimal.ONE);
      Map<String, BigDecimal> requests = podTotal(p, true);
      Map<String, BigDecimal> limits = podTotal(p, false);
      requests.forEach((k, v) -> {
        u.put(k, v);
        u.put("requests." + k, v);
      });
      limits.forEach((k, v) -> u.put("limits." + k, v));
    } else if (kind.equals(Kinds.SERVICE)) {
      V1.Service s = (V1.Service) obj;
      u.put("services", BigDecimal.ONE);
      String type = s.getSpec().getType();
      if (type.equals("NodePort") || type.equals("LoadBalancer")) {
        u.put("services.nodeports", BigDecimal.valueOf(s.getSpec().getPortsCount()));
      }
      if (type.equals("LoadBalancer")) {
        u.put("services.loadbalancers", BigDecimal.ONE);
      }
    } else if (kind.equals(Kinds.PERSISTENT_VOLUME_CLAIM)) {
      V1.PersistentVolumeClaim c = (V1.PersistentVolumeClaim) obj;
      u.put("persistentvolumeclaims", BigDecimal.ONE);
      Quantity storage = c.getSpec().getResources().getRequestsMap().get("storage");
      if (storage != null && Quantities.isValid(storage.getString())) {
        u.put("requests.storage", Quantities.parse(storage));
      }
    } else if (kind.equals(Kinds.CONFIG_MAP)) {
      u.put("configmaps", BigDecimal.ONE);
    } else if (kind.equals(Kinds.SECRET)) {
      u.put("secrets", BigDecimal.ONE);
    } else if (kind.equals(Kinds.RESOURCE_QUOTA)) {
      u.put("resourcequotas", BigDecimal.ONE);
    }
    u.put("count/" + kind.groupResource(), BigDecimal.ONE);
    return u;
  }

  /** Whether {@code resource} in a quota's hard limits counts objects of {@code kind}. */
  static boolean tracks(String resource, Kind kind) {
    if (resource.equals("count/" + kind.groupResource())) {
      return true;
    }
    if (kind.equals(Kinds.POD)) {
      return resource.equals("pods") || COMPUTE.contains(resource);
    }
    if (kind.equals(Kinds.SERVICE)) {
      return resource.startsWith("services");
    }
    if (kind.equals(Kinds.PERSISTENT_VOLUME_CLAIM)) {
      return resource.equals("persistentvolumeclaims") || resource.equals("requests.storage");
    }
    return resource.equals(kind.resource());
  }

  /**
   * upstream's pod quota constraint: every container must name each compute resource the quota limits; the message
   * lists, per missing resource, the containers without it ("" when nothing is missing).
   */
  static String missing(V1.Pod pod, Set<String> hard) {
    Set<String> required = new TreeSet<>(hard);
    required.retainAll(COMPUTE);
    if (required.isEmpty()) {
      return "";
    }
    Map<String, List<String>> missing = new TreeMap<>();
    List<V1.Container> all = new ArrayList<>(pod.getSpec().getInitContainersList());
    all.addAll(pod.getSpec().getContainersList());
    for (V1.Container c : all) {
      Set<String> has = new TreeSet<>();
      c.getResources().getRequestsMap().keySet().forEach(k -> {
        has.add(k);
        has.add("requests." + k);
      });
      c.getResources().getLimitsMap().keySet().forEach(k -> has.add("limits." + k));
      for (String r : required) {
        if (!has.contains(r)) {
          missing.computeIfAbsent(r, x -> new ArrayList<>()).add(c.getName());
        }
      }
    }
    List<String> parts = new ArrayList<>();
    missing.forEach((r, cs) -> parts.add(r + " for: " + String.join(",", cs)));
    return parts.isEmpty() ? "" : "must specify " + String.join("; ", parts);
  }

  private static Map<String, BigDecimal> podTotal(V1.Pod p, boolean requests) {
    Map<String, BigDecimal> sum = new TreeMap<>();
    for (V1.Container c : p.getSpec().getContainersList()) {
      add(sum, requests ? c.getResources().getRequestsMap() : c.getResources().getLimitsMap());
    }
    for (V1.Container c : p.getSpec().getInitContainersList()) {
      Map<String, Quantity> m = requests ? c.getResources().getRequestsMap() : c.getResources().getLimitsMap();
      m.forEach((k, v) -> {
        if (Quantities.isValid(v.getString())) {
          sum.merge(k, Quantities.parse(v), BigDecimal::max);
        }
      });
    }
    return sum;
  }

  private static void add(Map<String, BigDecimal> sum, Map<String, Quantity> m) {
    m.forEach((k, v) -> {
      if (Quantities.isValid(v.getString())) {
        sum.merge(k, Quantities.parse(v), BigDecimal::add);
      }
    });
  }
}
