package windlass.apiserver.cache;

import windlass.apiserver.storage.StorageException;

/**
 * Receives a cache watch's events, one call at a time, in revision order: the same contract as a backend
 * {@link windlass.apiserver.storage.WatchListener}, with events already decoded.
 */
public interface CacheListener<T> {
  void onEvent(CachedEvent<T> event);

  /** Every change under the watch's prefix up to {@code revision} has been delivered (a BOOKMARK's revision). */
  void onProgress(long revision);

  /**
   * The cache ended the watch: {@link StorageException.Reason#TOO_SLOW} when the watcher fell more than its queue
   * behind (watch again from the last revision seen), {@code null} when the cache closed. Not called after the
   * watcher's own close.
   */
  void onClose(StorageException error);
}
