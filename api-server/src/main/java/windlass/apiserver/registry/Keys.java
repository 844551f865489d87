package windlass.apiserver.registry;

import windlass.client.Kind;

/** Storage keys: {@code /registry/<group-resource>/<namespace>/<name>}, no namespace segment for cluster-scoped kinds. */
public final class Keys {
  public static final String ROOT = "/registry/";

  private Keys() {}

  public static String key(Kind kind, String namespace, String name) {
    return kind.namespaced() ? prefix(kind, namespace) + name : prefix(kind, "") + name;
  }

  /** Every object of the kind in {@code namespace} ("" = all namespaces, or a cluster-scoped kind). */
  public static String prefix(Kind kind, String namespace) {
    String base = ROOT + kind.groupResource() + "/";
    return kind.namespaced() && !namespace.isEmpty() ? base + namespace + "/" : base;
  }
}
