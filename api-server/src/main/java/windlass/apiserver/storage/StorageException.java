package windlass.apiserver.storage;

/** A storage operation that failed for a reason the caller handles (the registry turns them into API errors). */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Reason { KEY_EXISTS, NOT_FOUND, CONFLICT, COMPACTED, FUTURE_REVISION, TOO_SLOW, INTERNAL }

  private final Reason reason;
  private final String key;
  private final long revision;

  /**
   * @param revision for CONFLICT the key's current modification revision; for COMPACTED the compacted revision;
   *     for FUTURE_REVISION the current revision
   */
  public StorageException(Reason reason, String key, long revision, String message) {
    super(message);
    this.reason = reason;
    this.key = key;
    this.revision = revision;
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
    this.reason = Reason.INTERNAL;
    this.key = "";
    this.revision = 0;
  }

  public Reason reason() {
    return reason;
  }

  public String key() {
    return key;
  }

  public long revision() {
    return revision;
  }

  /** Worded as upstream's 410 Gone for a watch: {@code too old resource version: 5 (12)}. */
  static StorageException compacted(long requested, long compactRevision) {
    return new StorageException(Reason.COMPACTED, "", compactRevision,
        "too old resource version: " + requested + " (" + compactRevision + ")");
  }
}
