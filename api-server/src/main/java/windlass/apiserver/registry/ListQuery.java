package windlass.apiserver.registry;

/**
 * A list, watch or delete-collection request as the transports hand it over: strings as they came, parsed by the
 * registry (bad selectors are the caller's BadRequest).
 *
 * @param namespace "" for all namespaces (or a cluster-scoped kind)
 * @param limit 0 for no limit
 * @param continueToken from a previous page, "" for the first
 * @param resourceVersion for watch: start after it ("" or "0": current state as ADDED events first)
 */
public record ListQuery(String namespace, String labelSelector, String fieldSelector, long limit,
    String continueToken, String resourceVersion, boolean allowWatchBookmarks) {

  public static ListQuery all(String namespace) {
    return new ListQuery(namespace, "", "", 0, "", "", false);
  }

  public ListQuery withLabelSelector(String s) {
    return new ListQuery(namespace, s, fieldSelector, limit, continueToken, resourceVersion, allowWatchBookmarks);
  }

  public ListQuery withFieldSelector(String s) {
    return new ListQuery(namespace, labelSelector, s, limit, continueToken, resourceVersion, allowWatchBookmarks);
  }

  public ListQuery withResourceVersion(String rv) {
    return new ListQuery(namespace, labelSelector, fieldSelector, limit, continueToken, rv, allowWatchBookmarks);
  }

  public ListQuery withLimit(long l, String cont) {
    return new ListQuery(namespace, labelSelector, fieldSelector, l, cont, resourceVersion, allowWatchBookmarks);
  }

  public ListQuery withBookmarks(boolean b) {
    return new ListQuery(namespace, labelSelector, fieldSelector, limit, continueToken, resourceVersion, b);
  }
}
