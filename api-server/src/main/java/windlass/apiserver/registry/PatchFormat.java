package windlass.apiserver.registry;

/** The patch formats upstream accepts. v0 applies JSON_PATCH and MERGE_PATCH; STRATEGIC_MERGE_PATCH answers UNIMPLEMENTED. */
public enum PatchFormat {
  /** RFC 6902, application/json-patch+json. */
  JSON_PATCH,
  /** RFC 7386, application/merge-patch+json. */
  MERGE_PATCH,
  /** application/strategic-merge-patch+json. */
  STRATEGIC_MERGE_PATCH
}
