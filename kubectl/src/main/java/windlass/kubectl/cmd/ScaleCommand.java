package windlass.kubectl.cmd;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ResourceClient;
import windlass.kubectl.CommandException;
import windlass.kubectl.ErrorMessages;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.printers.ResourceNames;

/**
 * {@code scale --replicas=N deployment NAME | deployment/NAME | replicaset NAME}: sets spec.replicas by read, modify
 * and update, retrying when someone else updated the object in between (a Conflict).
 */
@Command(name = "scale", description = "Set a new size for a deployment or replica set.")
public final class ScaleCommand implements Callable<Integer> {
  static final int CONFLICT_RETRIES = 5;

  @ParentCommand
  Kubectl root;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME")
  List<String> args = new ArrayList<>();

  @Option(names = "--replicas", required = true, description = "The new number of replicas.")
  int replicas;

  @Option(names = "--current-replicas", description = "Precondition: the current size must be this (-1: any).")
  int currentReplicas = -1;

  @Override
  public Integer call() {
    if (replicas < 0) {
      throw CommandException.error("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    }
    List<ResourceRef> refs = ResourceArgs.parse(args);
    if (refs.isEmpty()) {
      throw CommandException.error("required resource not specified");
    }
    Session session = root.session();
    List<String> errors = new ArrayList<>();
    for (ResourceRef ref : refs) {
      if (ref.kind() != Kinds.DEPLOYMENT && ref.kind() != Kinds.REPLICA_SET) {
        throw CommandException.error("cannot scale " + ref.kind().groupResource() + ": only deployments and replica "
            + "sets are scalable");
      }
      if (ref.all()) {
        throw CommandException.error("resource(s) were provided, but no name was specified");
      }
      ResourceClient<Message> rc = session.client().resource(ref.kind(), session.namespace());
      for (String name : ref.names()) {
        try {
          scale(rc, name);
          root.env().out().println(ResourceNames.slashName(ref.kind(), name) + " scaled");
        } catch (ApiException e) {
          errors.addAll(ErrorMessages.of(e));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw CommandException.lines(errors);
    }
    return 0;
  }

  private void scale(ResourceClient<Message> rc, String name) {
    for (int attempt = 1; ; attempt++) {
      Message live = rc.get(name);
      FieldDescriptor specField = live.getDescriptorForType().findFieldByName("spec");
      Message spec = (Message) live.getField(specField);
      FieldDescriptor replicasField = spec.getDescriptorForType().findFieldByName("replicas");
      int current = spec.hasField(replicasField) ? (Integer) spec.getField(replicasField) : 1;
      if (currentReplicas >= 0 && current != currentReplicas) {
        throw CommandException.error("Expected replicas to be " + currentReplicas + ", was " + current);
      }
      Message updated = live.toBuilder()
          .setField(specField, spec.toBuilder().setField(replicasField, replicas).build()).build();
      try {
        rc.update(updated);
        return;
      } catch (ApiException e) {
        if (e.code() != Code.ABORTED || attempt >= CONFLICT_RETRIES) {
          throw e;
        }
      }
    }
  }
}
