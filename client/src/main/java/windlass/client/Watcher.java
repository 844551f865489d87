package windlass.client;

/** Receives a watch's events in order, on one thread; then exactly one of onClose's outcomes. */
public interface Watcher<T> {
  void onEvent(WatchEvent<T> event);

  /**
   * The stream ended. {@code error} is null when the server or {@link Watch#close()} ended it normally; an
   * {@link ApiException} with code OUT_OF_RANGE means the start revision was compacted: relist.
   */
  void onClose(ApiException error);
}
