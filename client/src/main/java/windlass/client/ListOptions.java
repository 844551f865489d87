package windlass.client;

/** Options of a list or watch call; an empty string means "not set". */
public record ListOptions(
    String labelSelector, String fieldSelector, long limit, String continueToken, String resourceVersion,
    boolean allowWatchBookmarks) {
  public static final ListOptions ALL = new ListOptions("", "", 0, "", "", false);

  public ListOptions withLabelSelector(String s) {
    return new ListOptions(s, fieldSelector, limit, continueToken, resourceVersion, allowWatchBookmarks);
  }

  public ListOptions withFieldSelector(String s) {
    return new ListOptions(labelSelector, s, limit, continueToken, resourceVersion, allowWatchBookmarks);
  }

  public ListOptions withResourceVersion(String rv) {
    return new ListOptions(labelSelector, fieldSelector, limit, continueToken, rv, allowWatchBookmarks);
  }

  public ListOptions withLimit(long l, String cont) {
    return new ListOptions(labelSelector, fieldSelector, l, cont, resourceVersion, allowWatchBookmarks);
  }
}
