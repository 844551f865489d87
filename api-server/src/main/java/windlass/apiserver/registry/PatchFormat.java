package windlass.apiserver.registry;

/** The patch formats upstream accepts (server-side apply is not one of them yet). */
public enum PatchFormat {
  /** RFC 6902, application/json-patch+json. */
  JSON_PATCH,
  /** RFC 7386, application/merge-patch+json. */
  MERGE_PATCH,
  /** application/strategic-merge-patch+json. */
  STRATEGIC_MERGE_PATCH
}
