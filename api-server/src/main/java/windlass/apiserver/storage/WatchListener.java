package windlass.apiserver.storage;

/** Receives a backend watch's events, one at a time, in revision order. */
public interface WatchListener {
  void onEvent(StorageEvent event);

  /** Every change under the prefix up to {@code revision} has been delivered (answer to requestProgress). */
  default void onProgress(long revision) {}

  /**
   * The backend ended the watch: compaction overtook it ({@link StorageException.Reason#COMPACTED}), it fell too far
   * behind ({@link StorageException.Reason#TOO_SLOW}), or the backend closed ({@code null}). Not called after the
   * watcher's own {@link BackendWatch#close()}.
   */
  void onClose(StorageException error);
}
