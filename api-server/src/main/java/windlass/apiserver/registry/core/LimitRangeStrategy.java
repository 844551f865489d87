package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.Quantities;
import windlass.client.validation.NameFormats;

/**
 * LimitRanges as upstream: per item, min &lt;= defaultRequest &lt;= default &lt;= max for every resource named;
 * Pod items take no defaults. The LimitRanger admission applies them to pods.
 */
public final class LimitRangeStrategy extends BaseStrategy<V1.LimitRange> {
  private static final List<String> STANDARD_TYPES = List.of("Container", "Pod", "PersistentVolumeClaim");

  public LimitRangeStrategy() {
    super(Kinds.LIMIT_RANGE, V1.LimitRange.class, NameFormats::dns1123Subdomain);
  }

  /** upstream SetDefaults_LimitRangeItem: Container items default their limit to max, their request to it or min. */
  @Override
  protected V1.LimitRange applyDefaults(V1.LimitRange lr) {
    V1.LimitRange.Builder b = lr.toBuilder();
    for (V1.LimitRangeItem.Builder it : b.getSpecBuilder().getLimitsBuilderList()) {
      if (!it.getType().equals("Container")) {
        continue;
      }
      it.getMaxMap().forEach((k, v) -> {
        if (!it.containsDefault(k)) {
          it.putDefault(k, v);
        }
      });
      it.getDefaultMap().forEach((k, v) -> {
        if (!it.containsDefaultRequest(k)) {
          it.putDefaultRequest(k, v);
        }
      });
      it.getMinMap().forEach((k, v) -> {
        if (!it.containsDefaultRequest(k)) {
          it.putDefaultRequest(k, v);
        }
      });
    }
    return b.build();
  }

  @Override
  protected List<FieldError> check(V1.LimitRange lr) {
    List<FieldError> errs = new ArrayList<>();
    java.util.Set<String> types = new java.util.HashSet<>();
    for (int i = 0; i < lr.getSpec().getLimitsCount(); i++) {
      V1.LimitRangeItem it = lr.getSpec().getLimits(i);
      item(it, "spec.limits[" + i + "]", errs);
      if (!types.add(it.getType())) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, "spec.limits[" + i + "].type", "\"" + it.getType() + "\"",
            null));
      }
    }
    return errs;
  }

  private static void item(V1.LimitRangeItem it, String path, List<FieldError> errs) {
    List<String> typeErrs = NameFormats.labelKey(it.getType());
    for (String msg : typeErrs) {
      errs.add(FieldError.invalid(path + ".type", it.getType(), msg));
    }
    if (typeErrs.isEmpty() && !it.getType().contains("/") && !STANDARD_TYPES.contains(it.getType())) {
      errs.add(FieldError.invalid(path + ".type", it.getType(), "must be a standard limit type or fully qualified"));
    }
    if (it.getType().equals("Pod")) {
      if (it.getDefaultCount() > 0) {
        errs.add(FieldError.forbidden(path + ".default", "may not be specified when `type` is 'Pod'"));
      }
      if (it.getDefaultRequestCount() > 0) {
        errs.add(FieldError.forbidden(path + ".defaultRequest", "may not be specified when `type` is 'Pod'"));
      }
    }
    values(it.getMaxMap(), path + ".max", errs);
    values(it.getMinMap(), path + ".min", errs);
    values(it.getDefaultMap(), path + ".default", errs);
    values(it.getDefaultRequestMap(), path + ".defaultRequest", errs);
    values(it.getMaxLimitRequestRatioMap(), path + ".maxLimitRequestRatio", errs);
    TreeSet<String> names = new TreeSet<>();
    names.addAll(it.getMaxMap().keySet());
    names.addAll(it.getMinMap().keySet());
    names.addAll(it.getDefaultMap().keySet());
    names.addAll(it.getDefaultRequestMap().keySet());
    for (String k : names) {
      Quantity max = it.getMaxMap().get(k);
      Quantity min = it.getMinMap().get(k);
      Quantity def = it.getDefaultMap().get(k);
      Quantity req = it.getDefaultRequestMap().get(k);
      if (!valid(max, min, def, req)) {
        continue;
      }
      if (min != null && max != null && greater(min, max)) {
        errs.add(err(path + ".min[" + k + "]", min, "min value " + s(min) + " is greater than max value " + s(max)));
      }
      if (req != null && min != null && greater(min, req)) {
        errs.add(err(path + ".defaultRequest[" + k + "]", req,
            "min value " + s(min) + " is greater than default request value " + s(req)));
      }
      if (req != null && max != null && greater(req, max)) {
        errs.add(err(path + ".defaultRequest[" + k + "]", req,
            "default request value " + s(req) + " is greater than max value " + s(max)));
      }
      if (req != null && def != null && greater(req, def)) {
        errs.add(err(path + ".defaultRequest[" + k + "]", req,
            "default request value " + s(req) + " is greater than default limit value " + s(def)));
      }
      if (def != null && min != null && greater(min, def)) {
        errs.add(err(path + ".default[" + k + "]", min, "min value " + s(min) + " is greater than default value "
            + s(def)));
      }
      if (def != null && max != null && greater(def, max)) {
        errs.add(err(path + ".default[" + k + "]", max, "default value " + s(def) + " is greater than max value "
            + s(max)));
      }
    }
  }

  private static void values(Map<String, Quantity> m, String path, List<FieldError> errs) {
    for (String k : new TreeSet<>(m.keySet())) {
      PersistentVolumeStrategy.nonNegative(path + "[" + k + "]", m.get(k).getString(), errs);
    }
  }

  private static boolean valid(Quantity... qs) {
    for (Quantity q : qs) {
      if (q != null && !Quantities.isValid(q.getString())) {
        return false;
      }
    }
    return true;
  }

  private static boolean greater(Quantity a, Quantity b) {
    BigDecimal x = Quantities.parse(a);
    return x.compareTo(Quantities.parse(b)) > 0;
  }

  private static String s(Quantity q) {
    return QuantityFormat.canonical(q);
  }

  private static FieldError err(String path, Quantity value, String detail) {
    return FieldError.invalid(path, s(value), detail);
  }
}
