package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import windlass.client.Kind;
import windlass.client.codec.Json;
import windlass.client.codec.ObjectCodec;
import windlass.client.codec.Yaml;

/**
 * {@code -o yaml} and {@code -o json}: each object with its apiVersion and kind, keys sorted as kubectl sorts them;
 * wrapped in a {@code kind: List}, or (a named object, a watch) as documents of their own, YAML ones separated by
 * {@code ---} as upstream's YAML printer separates them.
 */
public final class ObjectPrinter implements Printer {
  public enum Syntax { YAML, JSON }

  private final PrintStream out;
  private final Syntax syntax;
  private final boolean separateDocuments;
  private final List<Object> trees = new ArrayList<>();
  private int documents;

  /** @param separateDocuments print each object as a document of its own rather than all in one List */
  public ObjectPrinter(PrintStream out, Syntax syntax, boolean separateDocuments) {
    this.out = out;
    this.syntax = syntax;
    this.separateDocuments = separateDocuments;
  }

  @Override
  public void print(Kind kind, List<? extends Message> objects) {
    for (Message m : objects) {
      trees.add(tree(kind, m));
    }
  }

  /** The object as upstream serializes it: apiVersion and kind added, keys sorted. */
  public static Object tree(Kind kind, Message m) {
    return Yaml.sorted(ObjectCodec.toObjectTree(m, kind.apiVersion(), kind.kind()));
  }

  @Override
  public void finish() {
    if (separateDocuments) {
      trees.forEach(this::document);
    } else {
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("apiVersion", "v1");
      list.put("items", new ArrayList<>(trees));
      list.put("kind", "List");
      list.put("metadata", Map.of("resourceVersion", ""));
      document(list);
    }
    trees.clear();
    out.flush();
  }

  private void document(Object doc) {
    if (syntax == Syntax.YAML) {
      out.print((documents++ > 0 ? "---\n" : "") + Yaml.print(doc));
    } else {
      out.print(Json.printPretty(doc) + "\n");
    }
  }
}
