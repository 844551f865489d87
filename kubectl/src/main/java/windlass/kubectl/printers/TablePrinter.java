package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/**
 * kubectl's human-readable output: a table per kind, columns aligned as upstream's tabwriter aligns them, a blank line
 * between kinds. Rows printed later for the same kind (a watch) keep the table's widths.
 */
public final class TablePrinter implements Printer {
  private final PrintStream out;
  private final Clock clock;
  private final TableOptions options;
  private Kind lastKind;
  private TabWriter writer;
  private boolean wroteAny;

  public TablePrinter(PrintStream out, Clock clock, TableOptions options) {
    this.out = out;
    this.clock = clock;
    this.options = options;
  }

  @Override
  public void print(Kind kind, List<? extends Message> objects) {
    if (objects.isEmpty()) {
      return;
    }
    if (!kind.equals(lastKind)) {
      if (lastKind != null && !options.noHeaders() && wroteAny) {
        out.println();
      }
      lastKind = kind;
      writer = new TabWriter(out);
      if (!options.noHeaders()) {
        writer.row(headers(kind));
      }
    }
    for (Message o : objects) {
      writer.row(row(kind, o));
    }
    writer.flush();
    wroteAny = true;
  }

  @Override
  public boolean humanReadable() {
    return true;
  }

  List<String> headers(Kind kind) {
    Table<?> t = Tables.forKind(kind);
    List<String> h = new ArrayList<>();
    if (withNamespace(kind)) {
      h.add("NAMESPACE");
    }
    h.addAll(t.headers(options.wide()));
    if (options.showLabels()) {
      h.add("LABELS");
    }
    return h;
  }

  List<String> row(Kind kind, Message o) {
    Table<?> t = Tables.forKind(kind);
    List<String> cells = new ArrayList<>(t.cells(o, clock.instant(), options.wide()));
    int nameCol = t.nameColumn(options.wide());
    if (options.withKind() && nameCol >= 0) {
      cells.set(nameCol, ResourceNames.kindPrefix(kind) + "/" + cells.get(nameCol));
    }
    if (withNamespace(kind)) {
      cells.add(0, ObjectMetas.of(o).getNamespace());
    }
    if (options.showLabels()) {
      cells.add(LabelSelectors.formatLabels(ObjectMetas.of(o).getLabelsMap()));
    }
    return cells;
  }

  private boolean withNamespace(Kind kind) {
    return options.allNamespaces() && kind.namespaced();
  }
}
