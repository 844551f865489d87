package windlass.client.informer;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Looks cached objects up by a derived value. Every cache has the {@link #NAMESPACE} index; more (pods by
 * spec.nodeName, say) are added with {@link SharedInformer#addIndex} before the informer starts.
 */
public interface Indexer<T> {
  /** The built-in index: metadata.namespace. */
  String NAMESPACE = "namespace";

  /** The objects whose index function returned {@code value} for index {@code indexName}. */
  List<T> byIndex(String indexName, String value);

  /** Computes the index values of one object. */
  @FunctionalInterface
  interface IndexFunction<T> extends Function<T, Collection<String>> {}
}
