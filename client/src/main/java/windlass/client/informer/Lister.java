package windlass.client.informer;

import java.util.List;
import java.util.Optional;
import windlass.client.ObjectKey;
import windlass.client.LabelSelector;

/** Reads an informer's cache: never calls the server, so it is cheap to call in every reconcile. */
public interface Lister<T> {

  /** The cached object {@code namespace/name} ("" namespace for cluster-scoped kinds). */
  Optional<T> get(String namespace, String name);

  default Optional<T> get(ObjectKey key) {
    return get(key.namespace(), key.name());
  }

  /** Every cached object. */
  List<T> list();

  /** The cached objects of one namespace ("" = all). */
  List<T> list(String namespace);

  /** The cached objects of one namespace ("" = all) whose labels match {@code selector}. */
  List<T> list(String namespace, LabelSelector selector);
}
