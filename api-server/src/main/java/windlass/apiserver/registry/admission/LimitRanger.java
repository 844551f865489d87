package windlass.apiserver.registry.admission;

import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.ResourceStore;
import windlass.apiserver.registry.core.QuantityFormat;
import windlass.client.Kinds;
import windlass.client.Quantities;

/**
 * upstream's LimitRanger admission, for pod creates: each LimitRange of the namespace fills the containers' missing
 * requests and limits from its Container item (defaultRequest, default) and records that in the
 * {@code kubernetes.io/limit-ranger} annotation, then min, max and maxLimitRequestRatio of its Container and Pod items
 * are enforced; violations are refused with upstream's wording.
 */
final class LimitRanger {
  private static final String ANNOTATION = "kubernetes.io/limit-ranger";

  private final ResourceStore limitRanges;

  LimitRanger(ResourceStore limitRanges) {
    this.limitRanges = limitRanges;
  }

  V1.Pod admit(V1.Pod pod) {
    V1.Pod out = pod;
    for (var m : limitRanges.all(pod.getMetadata().getNamespace())) {
      V1.LimitRange lr = (V1.LimitRange) limitRanges.strategy().defaults(m);
      out = applyDefaults(lr, out);
      List<String> errs = enforce(lr, out);
      if (!errs.isEmpty()) {
        String name = out.getMetadata().getName().isEmpty() ? out.getMetadata().getGenerateName()
            : out.getMetadata().getName();
        throw ApiErrors.forbidden(Kinds.POD, name, errs.size() == 1 ? errs.get(0)
            : "[" + String.join(", ", errs) + "]");
      }
    }
    return out;
  }

  private static V1.Pod applyDefaults(V1.LimitRange lr, V1.Pod pod) {
    Map<String, Quantity> limits = new TreeMap<>();
    Map<String, Quantity> requests = new TreeMap<>();
    for (V1.LimitRangeItem it : lr.getSpec().getLimitsList()) {
      if (it.getType().equals("Container")) {
        limits.putAll(it.getDefaultMap());
        requests.putAll(it.getDefaultRequestMap());
      }
    }
    if (limits.isEmpty() && requests.isEmpty()) {
      return pod;
    }
    V1.Pod.Builder b = pod.toBuilder();
    List<String> notes = new ArrayList<>();
    for (V1.Container.Builder c : b.getSpecBuilder().getContainersBuilderList()) {
      merge(c, limits, requests, notes);
    }
    for (V1.Container.Builder c : b.getSpecBuilder().getInitContainersBuilderList()) {
      merge(c, limits, requests, notes);
    }
    if (!notes.isEmpty()) {
      b.getMetadataBuilder().putAnnotations(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
    }
    return b.build();
  }

  private static void merge(V1.Container.Builder c, Map<String, Quantity> limits, Map<String, Quantity> requests,
      List<String> notes) {
    V1.ResourceRequirements.Builder r = c.getResourcesBuilder();
    Set<String> setRequests = new LinkedHashSet<>();
    Set<String> setLimits = new LinkedHashSet<>();
    limits.forEach((k, v) -> {
      if (!r.containsLimits(k)) {
        r.putLimits(k, v);
        setLimits.add(k);
      }
    });
    requests.forEach((k, v) -> {
      if (!r.containsRequests(k)) {
        r.putRequests(k, v);
        setRequests.add(k);
      }
    });
    if (!setRequests.isEmpty()) {
      notes.add(String.join(", ", setRequests) + " request for container " + c.getName());
    }
    if (!setLimits.isEmpty()) {
      notes.add(String.join(", ", setLimits) + " limit for container " + c.getName());
    }
  }

  private static List<String> enforce(V1.LimitRange lr, V1.Pod pod) {
    List<String> errs = new ArrayList<>();
    for (V1.LimitRangeItem it : lr.getSpec().getLimitsList()) {
      if (it.getType().equals("Container")) {
        for (V1.Container c : pod.getSpec().getContainersList()) {
          check(it, "Container", c.getResources().getRequestsMap(), c.getResources().getLimitsMap(), errs);
        }
      } else if (it.getType().equals("Pod")) {
        check(it, "Pod", sum(pod, true), sum(pod, false), errs);
      }
    }
    return errs.stream().distinct().toList();
  }

  /** The pod's total requests (or limits) over its containers, only for resources every container names. */
  private static Map<String, Quantity> sum(V1.Pod pod, boolean requests) {
    Map<String, BigDecimal> total = new TreeMap<>();
    Map<String, Integer> seen = new TreeMap<>();
    List<V1.Container> cs = pod.getSpec().getContainersList();
    for (V1.Container c : cs) {
      Map<String, Quantity> m = requests ? c.getResources().getRequestsMap() : c.getResources().getLimitsMap();
      m.forEach((k, v) -> {
        total.merge(k, Quantities.parse(v), BigDecimal::add);
        seen.merge(k, 1, Integer::sum);
      });
    }
    Map<String, Quantity> out = new TreeMap<>();
    total.forEach((k, v) -> {
      if (seen.get(k) == cs.size()) {
        out.put(k, QuantityFormat.of(v, false));
      }
    });
    return out;
  }

  private static void check(V1.LimitRangeItem it, String type, Map<String, Quantity> req, Map<String, Quantity> lim,
      List<String> errs) {
    for (Map.Entry<String, Quantity> e : new TreeMap<>(it.getMinMap()).entrySet()) {
      String k = e.getKey();
      BigDecimal min = Quantities.parse(e.getValue());
      String enforced = QuantityFormat.canonical(e.getValue());
      if (!req.containsKey(k)) {
        errs.add("minimum " + k + " usage per " + type + " is " + enforced + ".  No request is specified");
      } else if (Quantities.parse(req.get(k)).compareTo(min) < 0) {
        errs.add("minimum " + k + " usage per " + type + " is " + enforced + ", but request is " + s(req.get(k)));
      } else if (lim.containsKey(k) && Quantities.parse(lim.get(k)).compareTo(min) < 0) {
        errs.add("minimum " + k + " usage per " + type + " is " + enforced + ", but limit is " + s(lim.get(k)));
      }
    }
    for (Map.Entry<String, Quantity> e : new TreeMap<>(it.getMaxMap()).entrySet()) {
      String k = e.getKey();
      BigDecimal max = Quantities.parse(e.getValue());
      String enforced = QuantityFormat.canonical(e.getValue());
      if (!lim.containsKey(k)) {
        errs.add("maximum " + k + " usage per " + type + " is " + enforced + ".  No limit is specified");
      } else if (Quantities.parse(lim.get(k)).compareTo(max) > 0) {
        errs.add("maximum " + k + " usage per " + type + " is " + enforced + ", but limit is " + s(lim.get(k)));
      } else if (req.containsKey(k) && Quantities.parse(req.get(k)).compareTo(max) > 0) {
        errs.add("maximum " + k + " usage per " + type + " is " + enforced + ", but request is " + s(req.get(k)));
      }
    }
    for (Map.Entry<String, Quantity> e : new TreeMap<>(it.getMaxLimitRequestRatioMap()).entrySet()) {
      String k = e.getKey();
      String enforced = QuantityFormat.canonical(e.getValue());
      BigDecimal r = req.containsKey(k) ? Quantities.parse(req.get(k)) : BigDecimal.ZERO;
      BigDecimal l = lim.containsKey(k) ? Quantities.parse(lim.get(k)) : BigDecimal.ZERO;
      if (r.signum() == 0) {
        errs.add(k + " max limit to request ratio per " + type + " is " + enforced
            + ", but no request is specified or request is 0");
      } else if (l.signum() == 0) {
        errs.add(k + " max limit to request ratio per " + type + " is " + enforced
            + ", but no limit is specified or limit is 0");
      } else {
        BigDecimal ratio = l.divide(r, 6, java.math.RoundingMode.HALF_EVEN);
        if (ratio.compareTo(Quantities.parse(e.getValue())) > 0) {
          errs.add(k + " max limit to request ratio per " + type + " is " + enforced + ", but provided ratio is "
              + ratio.setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString());
        }
      }
    }
  }

  private static String s(Quantity q) {
    return QuantityFormat.canonical(q);
  }
}
