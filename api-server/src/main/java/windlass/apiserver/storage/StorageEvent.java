package windlass.apiserver.storage;

/**
 * One change seen by a watch. For PUT, {@code kv} is the new entry and {@code prev} the entry it replaced (null when
 * the key was created, or when that history was compacted away). For DELETE, {@code kv} holds the last value with
 * the deletion's revision, and {@code prev} the same value at its last modification.
 */
public record StorageEvent(Type type, KeyValue kv, KeyValue prev) {
  public enum Type { PUT, DELETE }

  public long revision() {
    return kv.modRevision();
  }

  /** A PUT that created the key. */
  public boolean isCreate() {
    return type == Type.PUT && kv.createRevision() == kv.modRevision();
  }
}
