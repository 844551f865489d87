package windlass.client;

/** A running watch; close() cancels it (the watcher then gets onClose(null)). */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
