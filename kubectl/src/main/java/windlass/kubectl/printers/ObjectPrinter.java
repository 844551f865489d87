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
 * a named object bare, anything else wrapped in a {@code kind: List}.
 */
public final class ObjectPrinter implements Printer {
  public enum Syntax { YAML, JSON }

  private final PrintStream out;
  private final Syntax syntax;
  private final boolean singleItem;
  private final List<Object> trees = new ArrayList<>();

  public ObjectPrinter(PrintStream out, Syntax syntax, boolean singleItem) {
    this.out = out;
    this.syntax = syntax;
    this.singleItem = singleItem;
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
    Object doc;
    if (singleItem) {
      if (trees.isEmpty()) {
        return;
      }
      doc = trees.get(0);
    } else {
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("apiVersion", "v1");
      list.put("items", new ArrayList<>(trees));
      list.put("kind", "List");
      list.put("metadata", Map.of("resourceVersion", ""));
      doc = list;
    }
    trees.clear();
    out.print(syntax == Syntax.YAML ? Yaml.print(doc) : Json.printPretty(doc) + "\n");
    out.flush();
  }
}
