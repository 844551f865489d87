package windlass.kubectl.printers;

import java.io.PrintStream;
import java.time.Clock;

/** Picks the printer of an {@code -o} format. */
public final class Printers {
  private Printers() {}

  /**
   * @param separateDocuments one object was named, or a watch prints objects as they come: yaml/json print each bare
   *     rather than all in a {@code kind: List}
   */
  public static Printer forFormat(OutputFormat format, PrintStream out, Clock clock, TableOptions table,
      boolean separateDocuments) {
    return switch (format) {
      case TABLE -> new TablePrinter(out, clock, table);
      case WIDE -> new TablePrinter(out, clock, new TableOptions(true, table.allNamespaces(), table.withKind(),
          table.showLabels(), table.noHeaders()));
      case NAME -> new NamePrinter(out);
      case YAML -> new ObjectPrinter(out, ObjectPrinter.Syntax.YAML, separateDocuments);
      case JSON -> new ObjectPrinter(out, ObjectPrinter.Syntax.JSON, separateDocuments);
    };
  }
}
