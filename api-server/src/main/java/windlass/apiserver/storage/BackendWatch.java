package windlass.apiserver.storage;

/** A running backend watch. */
public interface BackendWatch extends AutoCloseable {
  /**
   * Asks for a {@link WatchListener#onProgress} after every change published so far has been delivered: what a
   * BOOKMARK is built from. On an etcd cluster the answer comes from the member the watch is connected to, at the
   * revision it has applied, which may still be below a write another member acknowledged: callers waiting for a
   * revision ask again until they get there.
   *
   * @return false when this watch cannot tell its progress safely (an etcd older than 3.4.31 or 3.5.13, see
   *     {@link EtcdBackend#progressRequests}) or has ended: no onProgress follows
   */
  boolean requestProgress();

  /** Stops delivery; no callback follows. */
  @Override
  void close();
}
