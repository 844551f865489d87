package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;
import windlass.client.Kind;
import windlass.kubectl.CommandException;
import windlass.kubectl.Kubectl;
import windlass.kubectl.printers.OutputFormat;
import windlass.kubectl.printers.Printers;
import windlass.kubectl.printers.TableOptions;

/**
 * What the {@code create <kind>} generators share with upstream's: {@code --dry-run} (none, client; server is not
 * supported yet) decides whether the generated object is sent, and {@code -o} prints it, else the upstream line
 * ({@code deployment.apps/web created}, {@code ... created (dry run)}).
 */
final class GeneratedObject {
  private GeneratedObject() {}

  /** The generators' shared flags (a picocli mixin). */
  static final class Options {
    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client",
        description = "none (default), client: print the object without sending it, or server.")
    String dryRun = "none";

    @Option(names = {"-o", "--output"}, description = "Output format: name, yaml or json.")
    String output = "";
  }

  static <T extends Message> void createOrPrint(Kubectl root, Kind kind, T generated, Options options,
      UnaryOperator<T> create) {
    String dryRun = options.dryRun;
    OutputFormat format = options.output.isEmpty() ? null : OutputFormat.parse(options.output);
    T result = generated;
    switch (dryRun) {
      case "none", "false" -> result = create.apply(generated);
      case "client" -> { }
      case "server" -> throw CommandException.error("--dry-run=server is not supported by windlass kubectl yet");
      default -> throw CommandException.error("Invalid dry-run value (" + dryRun + "). Must be \"none\", \"server\", "
          + "or \"client\".");
    }
    if (format == null || format.table()) {
      Outcome.print(root.env().out(), "", kind, result, dryRun.equals("client") ? "created (dry run)" : "created");
    } else {
      var printer = Printers.forFormat(format, root.env().out(), root.env().clock(), TableOptions.DEFAULT, true);
      printer.print(kind, List.of(result));
      printer.finish();
    }
  }
}
