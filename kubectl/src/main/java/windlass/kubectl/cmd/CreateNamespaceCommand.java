package windlass.kubectl.cmd;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.kubectl.Session;

/** {@code create namespace NAME}. */
@Command(name = "namespace", aliases = "ns", description = "Create a namespace with the specified name.")
public final class CreateNamespaceCommand implements Callable<Integer> {
  @ParentCommand
  CreateCommand parent;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    Session session = parent.root().session();
    V1.Namespace ns = V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName(name)).build();
    V1.Namespace created = session.client().namespaces().create(ns);
    Outcome.print(parent.root().env().out(), "", windlass.client.Kinds.NAMESPACE, created, "created");
    return 0;
  }
}
