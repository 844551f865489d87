package windlass.kubectl.printers;

import java.io.PrintStream;
import java.time.Clock;

/** Picks the printer of an {@code -o} format. */
public final class Printers {
  private Printers() {}

  /**
   * @param singleItem one object was named: yaml/json print it bare rather than in a {@code kind: List}
   */
  public static Printer forFormat(OutputFormat format, PrintStream out, Clock clock, TableOptions table,
      boolean singleItem) {
    return switch (format) {
      case TABLE -> new TablePrinter(out, clock, table);
      case WIDE -> new TablePrinter(out, clock, new TableOptions(true, table.allNamespaces(), table.withKind(),
          table.showLabels(), table.noHeaders()));
      case NAME -> new NamePrinter(out);
      case YAML -> new ObjectPrinter(out, ObjectPrinter.Syntax.YAML, singleItem);
      case JSON -> new ObjectPrinter(out, ObjectPrinter.Syntax.JSON, singleItem);
    };
  }
}
