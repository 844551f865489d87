package windlass.client;

/** An object's identity within one resource: namespace ("" for cluster-scoped) and name. */
public record ObjectKey(String namespace, String name) {
  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
  }

  /** Parses the work-queue form "ns/name" or "name". */
  public static ObjectKey parse(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? new ObjectKey("", key) : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
