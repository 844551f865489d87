package windlass.apiserver.storage;

import java.util.Optional;

/**
 * A kine-like key-value store with one global, monotonic revision: every write gets the next revision, and the
 * history of writes since the last compaction can be replayed to watchers in revision order. Keys are
 * {@code /registry/<group-resource>/<namespace>/<name>} (no namespace segment for cluster-scoped kinds); values are
 * opaque bytes. Failures are {@link StorageException}s; implementations are safe for concurrent use.
 *
 * <p>Invariants every implementation keeps (BackendContractTest checks them): revisions never go backwards, also
 * across restarts; a watch from revision R delivers every change with a revision above R under its prefix, in
 * revision order, once each; a watch or list from below the compacted revision fails with
 * {@link StorageException.Reason#COMPACTED}.
 */
public interface Backend extends AutoCloseable {
  /** Creates {@code key}; {@link StorageException.Reason#KEY_EXISTS} when it exists. Returns the write's revision. */
  long create(String key, byte[] value);

  /**
   * Replaces {@code key}'s value if its last modification was at {@code expectedRevision} (0: whatever it is).
   * {@link StorageException.Reason#NOT_FOUND} or {@link StorageException.Reason#CONFLICT} otherwise. Returns the
   * write's revision.
   */
  long update(String key, byte[] value, long expectedRevision);

  /**
   * Deletes {@code key} if its last modification was at {@code expectedRevision} (0: whatever it is). Returns the
   * deleted entry: its last value, with {@code modRevision} the revision of the deletion.
   */
  KeyValue delete(String key, long expectedRevision);

  Optional<KeyValue> get(String key);

  /**
   * Keys under {@code prefix} after {@code startAfter} ("" from the start) in key order, at most {@code limit} (0: no
   * limit), as they were at {@code revision} (0: now). The page says the revision it was read at and whether more
   * keys follow.
   */
  ListPage list(String prefix, String startAfter, long revision, int limit);

  /** Number of keys under {@code prefix} now. */
  long count(String prefix);

  /**
   * Streams every change under {@code prefix} with a revision above {@code fromRevision} to {@code listener}, on a
   * delivery thread, in revision order: first the stored history, then live changes. Throws
   * {@link StorageException.Reason#COMPACTED} at once if {@code fromRevision} is below the compacted revision.
   */
  BackendWatch watch(String prefix, long fromRevision, WatchListener listener);

  /** Forgets history below {@code revision}: the state at {@code revision} and later stays readable and watchable. */
  void compact(long revision);

  /** The revision of the newest write. */
  long currentRevision();

  /** The oldest revision that can still be listed or watched from. */
  long compactRevision();

  @Override
  void close();
}
