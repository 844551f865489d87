package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.io.PrintStream;
import java.util.List;
import windlass.client.Kind;

/** {@code -o name}: one {@code kind.group/name} per line. */
public final class NamePrinter implements Printer {
  private final PrintStream out;

  public NamePrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void print(Kind kind, List<? extends Message> objects) {
    for (Message o : objects) {
      out.println(ResourceNames.slashName(kind, o));
    }
  }
}
