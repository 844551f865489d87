package windlass.kubectl.cmd;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Scheduling.PriorityClass;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.client.Kinds;
import windlass.kubectl.CommandException;

/**
 * {@code create priorityclass NAME [--value=VALUE] [--global-default] [--description=TEXT]
 * [--preemption-policy=POLICY]}, as upstream's.
 */
@Command(name = "priorityclass", aliases = "pc", description = "Create a priority class with the specified name.")
public final class CreatePriorityClassCommand implements Callable<Integer> {
  @ParentCommand
  CreateCommand parent;

  @Parameters(arity = "0..*", paramLabel = "NAME")
  List<String> names = new ArrayList<>();

  @Option(names = "--value", description = "the value of this priority class.")
  int value;

  @Option(names = "--global-default", arity = "0..1", fallbackValue = "true",
      description = "global-default specifies whether this PriorityClass should be considered as the default "
          + "priority.")
  boolean globalDefault;

  @Option(names = "--description", description = "description is an arbitrary string that usually provides "
      + "guidelines on when this priority class should be used.")
  String description = "";

  @Option(names = "--preemption-policy", description = "preemption-policy is the policy for preempting pods with "
      + "lower priority.")
  String preemptionPolicy = "PreemptLowerPriority";

  @Mixin
  GeneratedObject.Options generated;

  @Override
  public Integer call() {
    if (names.size() != 1) {
      throw CommandException.error("exactly one NAME is required, got " + names.size());
    }
    PriorityClass.Builder b = PriorityClass.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName(names.get(0))).setValue(value)
        .setPreemptionPolicy(preemptionPolicy);
    if (globalDefault) {
      b.setGlobalDefault(true); // upstream's omitempty fields stay unset when empty
    }
    if (!description.isEmpty()) {
      b.setDescription(description);
    }
    PriorityClass pc = b.build();
    var root = parent.root();
    GeneratedObject.createOrPrint(root, Kinds.PRIORITY_CLASS, pc, generated,
        obj -> root.session().client().resource(Kinds.PRIORITY_CLASS, PriorityClass.class).create(obj));
    return 0;
  }
}
