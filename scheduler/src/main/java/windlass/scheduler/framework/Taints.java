package windlass.scheduler.framework;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Whether tolerations tolerate taints, as upstream's v1helper.TolerationsTolerateTaint. */
public final class Taints {
  public static final String NO_SCHEDULE = "NoSchedule";
  public static final String NO_EXECUTE = "NoExecute";
  public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";

  private Taints() {}

  /**
   * An empty toleration effect matches every effect; an empty key with operator Exists matches every key; operator
   * Exists matches any value; Equal (or empty) needs the same value.
   */
  public static boolean tolerates(V1.Toleration t, V1.Taint taint) {
    if (!t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (!t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
      return false;
    }
    return switch (t.getOperator()) {
      case "", "Equal" -> t.getValue().equals(taint.getValue());
      case "Exists" -> true;
      default -> false;
    };
  }

  public static boolean tolerated(List<V1.Toleration> tolerations, V1.Taint taint) {
    for (int i = 0, n = tolerations.size(); i < n; i++) {
      if (tolerates(tolerations.get(i), taint)) {
        return true;
      }
    }
    return false;
  }

  /** The first of the node's taints that {@code which} selects and no toleration tolerates. */
  public static Optional<V1.Taint> firstUntolerated(List<V1.Taint> taints, List<V1.Toleration> tolerations,
      Predicate<V1.Taint> which) {
    for (int i = 0, n = taints.size(); i < n; i++) {
      V1.Taint t = taints.get(i);
      if (which.test(t) && !tolerated(tolerations, t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
