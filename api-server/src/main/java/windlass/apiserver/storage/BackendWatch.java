package windlass.apiserver.storage;

/** A running backend watch. */
public interface BackendWatch extends AutoCloseable {
  /**
   * Asks for a {@link WatchListener#onProgress} after every change published so far has been delivered: what a
   * BOOKMARK is built from.
   */
  void requestProgress();

  /** Stops delivery; no callback follows. */
  @Override
  void close();
}
