package windlass.kubectl.cmd;

import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import windlass.client.Kinds;
import windlass.kubectl.CommandException;
import windlass.kubectl.Session;

/** {@code create deployment NAME --image=IMAGE... [--replicas=N] [--port=P] [-- COMMAND [ARGS...]]}. */
@Command(name = "deployment", aliases = "deploy", description = "Create a deployment with the specified name.")
public final class CreateDeploymentCommand implements Callable<Integer> {
  @ParentCommand
  CreateCommand parent;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NAME [-- COMMAND [ARGS...]]")
  List<String> positionals = new ArrayList<>();

  @Option(names = "--image", description = "Image names to run (one container each).")
  List<String> images = new ArrayList<>();

  @Option(names = {"-r", "--replicas"}, description = "Number of replicas to create. Default is 1.")
  int replicas = 1;

  @Option(names = "--port", description = "The containerPort that this deployment exposes.")
  int port = -1;

  @Mixin
  GeneratedObject.Options generated;

  @Override
  public Integer call() {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int dash = original.indexOf("--");
    List<String> command = dash < 0 ? List.of() : original.subList(dash + 1, original.size());
    List<String> names = positionals.subList(0, positionals.size() - command.size());
    if (names.size() != 1) {
      throw CommandException.error("exactly one NAME is required, got " + names.size());
    }
    if (images.isEmpty()) {
      throw CommandException.error("required flag(s) \"image\" not set");
    }
    if (images.size() > 1 && !command.isEmpty()) {
      throw CommandException.error("cannot specify multiple --image options and command");
    }
    var root = parent.root();
    Session session = root.session();
    V1Apps.Deployment d = DeploymentGenerator.generate(names.get(0),
        session.namespaceExplicit() ? session.namespace() : "", images, replicas, port, command, root.env().random());
    GeneratedObject.createOrPrint(root, Kinds.DEPLOYMENT, d, generated,
        obj -> session.client().deployments(session.namespace()).create(obj));
    return 0;
  }
}
