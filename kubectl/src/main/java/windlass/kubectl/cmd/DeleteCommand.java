package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.api.v1.DeleteRequest;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ListOptions;
import windlass.client.ObjectMetas;
import windlass.client.ResourceClient;
import windlass.kubectl.CommandException;
import windlass.kubectl.ErrorMessages;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.manifests.ManifestObject;
import windlass.kubectl.manifests.ManifestReader;
import windlass.kubectl.printers.ResourceNames;

/** {@code delete TYPE NAME... | TYPE/NAME... | TYPE --all | TYPE -l SEL | -f FILE}. */
@Command(name = "delete", description = "Delete resources by file names, stdin, resources and names, or by resources "
    + "and label selector.")
public final class DeleteCommand implements Callable<Integer> {
  @ParentCommand
  Kubectl root;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...]")
  List<String> args = new ArrayList<>();

  @Option(names = {"-f", "--filename"}, description = "Files, directories or - (stdin) naming the objects to delete.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process the directories of -f recursively.")
  boolean recursive;

  @Option(names = "--all", description = "Delete all objects of the given types in the namespace.")
  boolean all;

  @Option(names = {"-A", "--all-namespaces"}, description = "With --all or -l: in every namespace.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, description = "Delete the objects matching this label selector.")
  String selector = "";

  @Option(names = "--field-selector", description = "Delete the objects matching this field selector.")
  String fieldSelector = "";

  @Option(names = "--grace-period", description = "Seconds the objects get to terminate; -1: their default.")
  int gracePeriod = -1;

  @Option(names = "--now", description = "Grace period 1: signal the objects to shut down at once.")
  boolean now;

  @Option(names = "--force", description = "With --grace-period=0: remove the objects without waiting for them.")
  boolean force;

  @Option(names = "--cascade", description = "background (default), foreground or orphan.")
  String cascade = "background";

  @Option(names = "--wait", arity = "0..1", description = "Wait until the objects are gone (default true).")
  boolean waitFor = true;

  @Option(names = "--timeout", description = "How long --wait waits, e.g. 60s; 0: from the objects' grace periods.")
  String timeout = "0s";

  @Option(names = "--ignore-not-found", description = "Treat \"not found\" as a successful delete.")
  boolean ignoreNotFound;

  @Option(names = {"-o", "--output"}, description = "name: print kind/name only.")
  String output = "";

  @Override
  public Integer call() throws InterruptedException {
    Session session = root.session();
    List<Target> targets = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (!files.isEmpty()) {
      if (!args.isEmpty()) {
        throw CommandException.error("Unexpected args: " + args);
      }
      List<ManifestObject> objects = new ManifestReader(root.env().in(), recursive).read(files, "delete");
      List<String> namespaces = Namespaces.of(objects, session);
      for (int i = 0; i < objects.size(); i++) {
        ManifestObject m = objects.get(i);
        targets.add(new Target(m.kind(), namespaces.get(i), m.name(), m.source()));
      }
    } else {
      List<ResourceRef> refs = ResourceArgs.parse(args);
      if (refs.isEmpty()) {
        throw CommandException.lines(List.of(
            "error: You must provide one or more resources by argument or filename.",
            "Example resource specifications include:",
            "   '-f rsrc.yaml'",
            "   '--filename=rsrc.json'",
            "   '<resource> <name>'",
            "   '<resource>'"));
      }
      boolean bySelector = !selector.isEmpty() || !fieldSelector.isEmpty();
      for (ResourceRef ref : refs) {
        if (ref.all() && !all && !bySelector) {
          throw CommandException.error("resource(s) were provided, but no name was specified");
        }
        if (!ref.all() && (all || bySelector)) {
          throw CommandException.error("name cannot be provided when a selector is specified");
        }
        String ns = allNamespaces ? "" : session.namespace();
        if (ref.all()) {
          ResourceClient<Message> rc = session.client().resource(ref.kind(), ns);
          for (Message m : rc.list(ListOptions.ALL.withLabelSelector(selector).withFieldSelector(fieldSelector))
              .items()) {
            targets.add(new Target(ref.kind(), ObjectMetas.of(m).getNamespace(), ObjectMetas.of(m).getName(), ""));
          }
        } else {
          for (String name : ref.names()) {
            targets.add(new Target(ref.kind(), ns, name, ""));
          }
        }
      }
      if (targets.isEmpty()) {
        root.env().out().println("No resources found");
        return 0;
      }
    }
    if (force && gracePeriod == 0) {
      root.env().err().println("Warning: Immediate deletion does not wait for confirmation that the running resource "
          + "has been terminated. The resource may continue to run on the cluster indefinitely.");
    }
    List<Deleted> pending = new ArrayList<>();
    for (Target t : targets) {
      ResourceClient<Message> rc = session.client().resource(t.kind(), t.namespace());
      try {
        Message deleted = rc.delete(request().setName(t.name()));
        String verb = force && gracePeriod == 0 ? "force deleted" : "deleted";
        root.env().out().println(output.equals("name")
            ? ResourceNames.slashName(t.kind(), t.name())
            : ResourceNames.quotedName(t.kind(), t.name()) + " " + verb);
        pending.add(new Deleted(rc, deleted));
      } catch (ApiException e) {
        if (!(ignoreNotFound && e.code() == Code.NOT_FOUND)) {
          errors.addAll(ErrorMessages.of(e, "deleting", t.source()));
        }
      }
    }
    if (waitFor && !(force && gracePeriod == 0)) {
      for (Deleted d : pending) {
        if (!DeletionWaiter.awaitGone(d.client(), d.object(), waitTimeout(d.object()))) {
          errors.add("error: timed out waiting for the condition on "
              + ResourceNames.slashName(d.client().kind(), d.object()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    return 0;
  }

  private DeleteRequest.Builder request() {
    DeleteRequest.Builder b = DeleteRequest.newBuilder();
    int grace = now ? 1 : gracePeriod;
    if (grace >= 0) {
      b.setGracePeriodSeconds(grace);
    }
    b.setPropagationPolicy(switch (cascade) {
      case "background", "true" -> "Background";
      case "foreground" -> "Foreground";
      case "orphan", "false" -> "Orphan";
      default -> throw CommandException.error("invalid cascade value (" + cascade
          + "). Must be \"background\", \"foreground\", or \"orphan\"");
    });
    return b;
  }

  private Duration waitTimeout(Message deleted) {
    Duration d = Durations.parse(timeout);
    if (!d.isZero()) {
      return d;
    }
    long grace = ObjectMetas.of(deleted).getDeletionGracePeriodSeconds();
    return Duration.ofSeconds(Math.max(grace, 30) + 60);
  }

  private record Target(Kind kind, String namespace, String name, String source) {}

  private record Deleted(ResourceClient<Message> client, Message object) {}
}
