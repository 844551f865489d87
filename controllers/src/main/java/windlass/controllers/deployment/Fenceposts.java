package windlass.controllers.deployment;

import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.V1Apps;

/**
 * maxSurge and maxUnavailable of a deployment resolved against its replicas, as upstream's ResolveFenceposts:
 * percentages round up for surge and down for unavailable (defaults 25% each); both zero makes unavailable 1.
 * Recreate deployments have neither.
 */
final class Fenceposts {
  private Fenceposts() {}

  static int replicas(V1Apps.Deployment d) {
    return d.getSpec().hasReplicas() ? d.getSpec().getReplicas() : 1;
  }

  static boolean isRollingUpdate(V1Apps.Deployment d) {
    String t = d.getSpec().getStrategy().getType();
    return t.isEmpty() || t.equals("RollingUpdate");
  }

  static int maxSurge(V1Apps.Deployment d) {
    if (!isRollingUpdate(d)) {
      return 0;
    }
    return resolve(d)[0];
  }

  static int maxUnavailable(V1Apps.Deployment d) {
    int replicas = replicas(d);
    if (!isRollingUpdate(d) || replicas == 0) {
      return 0;
    }
    return Math.min(resolve(d)[1], replicas);
  }

  private static int[] resolve(V1Apps.Deployment d) {
    int replicas = replicas(d);
    V1Apps.RollingUpdateDeployment ru = d.getSpec().getStrategy().getRollingUpdate();
    int surge = ru.hasMaxSurge() ? scaled(ru.getMaxSurge(), replicas, true) : (int) Math.ceil(replicas * 0.25);
    int unavailable = ru.hasMaxUnavailable() ? scaled(ru.getMaxUnavailable(), replicas, false)
        : (int) Math.floor(replicas * 0.25);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  private static int scaled(IntStr.IntOrString v, int total, boolean roundUp) {
    if (v.getType() == 0) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    if (!s.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
    }
    double pct = Integer.parseInt(s.substring(0, s.length() - 1));
    double x = pct * total / 100.0;
    return (int) (roundUp ? Math.ceil(x) : Math.floor(x));
  }
}
