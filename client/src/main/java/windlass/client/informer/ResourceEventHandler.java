package windlass.client.informer;

import java.util.function.Consumer;

/**
 * Told about every change an informer sees, in order, on the informer's one dispatch thread. Controllers' handlers
 * should only enqueue keys (conventions §2); a slow handler delays every handler of that informer.
 */
public interface ResourceEventHandler<T> {

  /** A new object, or one present at (re)list that the cache did not have. */
  default void onAdd(T obj) {}

  /**
   * A changed object. {@code oldObj == newObj} (same resourceVersion) on a periodic resync, which re-delivers every
   * cached object.
   */
  default void onUpdate(T oldObj, T newObj) {}

  /**
   * A deleted object: its last state as the server sent it, or, when the delete was only noticed at relist (missed
   * while the watch was down), the last state the cache held.
   */
  default void onDelete(T obj) {}

  /** A handler that calls {@code any} with the object of every event (the new one for updates). */
  static <T> ResourceEventHandler<T> onAny(Consumer<? super T> any) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        any.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        any.accept(newObj);
      }

      @Override
      public void onDelete(T obj) {
        any.accept(obj);
      }
    };
  }
}
