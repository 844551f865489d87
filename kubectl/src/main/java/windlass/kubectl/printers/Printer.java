package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.util.List;
import windlass.client.Kind;

/**
 * Prints what a command found, one kind's objects at a time ({@code get pod,svc} calls {@link #print} twice), in one
 * of kubectl's output formats. {@link #finish} ends the output (formats that wrap everything in a List print then).
 */
public interface Printer {
  void print(Kind kind, List<? extends Message> objects);

  default void finish() {}

  /** Whether this is a table (upstream's human-readable printer): only tables say "No resources found". */
  default boolean humanReadable() {
    return false;
  }
}
