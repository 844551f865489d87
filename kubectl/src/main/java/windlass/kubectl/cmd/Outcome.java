package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import java.io.PrintStream;
import windlass.client.Kind;
import windlass.kubectl.printers.ResourceNames;

/** The line create, apply and scale print per object: {@code deployment.apps/web created}, or with -o name the name. */
final class Outcome {
  private Outcome() {}

  static void print(PrintStream out, String output, Kind kind, Message obj, String what) {
    String name = ResourceNames.slashName(kind, obj);
    out.println(output.equals("name") ? name : name + " " + what);
  }
}
