package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import windlass.client.ApiException;
import windlass.client.ObjectMetas;
import windlass.kubectl.CommandException;
import windlass.kubectl.ErrorMessages;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.manifests.LastApplied;
import windlass.kubectl.manifests.ManifestObject;

/**
 * {@code create -f FILE}: creates every object of the manifests, after all of them decoded; subcommands generate
 * objects ({@code create deployment}, {@code create namespace}).
 */
@Command(name = "create", description = "Create a resource from a file or from stdin.",
    subcommands = {CreateDeploymentCommand.class, CreateNamespaceCommand.class, CreatePriorityClassCommand.class})
public final class CreateCommand implements Callable<Integer> {
  @ParentCommand
  Kubectl root;

  @Mixin
  ManifestOptions manifests = new ManifestOptions();

  @Option(names = "--save-config", description = "Record the object as kubectl apply's last-applied configuration.")
  boolean saveConfig;

  @Option(names = {"-o", "--output"}, description = "name: print kind/name only.")
  String output = "";

  public Kubectl root() {
    return root;
  }

  @Override
  public Integer call() {
    if (manifests.files.isEmpty()) {
      throw CommandException.lines(List.of("error: must specify one of -f and -k"));
    }
    List<ManifestObject> objects = manifests.read(root.env(), "create");
    Session session = root.session();
    List<String> namespaces = Namespaces.of(objects, session);
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      ManifestObject m = objects.get(i);
      String ns = namespaces.get(i);
      Message obj = m.object();
      if (saveConfig) {
        obj = ObjectMetas.with(obj, ObjectMetas.of(obj).toBuilder()
            .putAnnotations(LastApplied.ANNOTATION, LastApplied.of(m.tree(), ns)).build());
      }
      try {
        Message created = session.client().resource(m.kind(), ns).create(obj);
        Outcome.print(root.env().out(), output, m.kind(), created, "created");
      } catch (ApiException e) {
        errors.addAll(ErrorMessages.of(e, "creating", m.source()));
      }
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    return 0;
  }
}
