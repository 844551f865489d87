package windlass.kubectl.printers;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Scheduling;
import java.util.Map;
import windlass.client.Kind;
import windlass.client.Kinds;

/** Which table each kind prints as; a kind without one gets upstream's default NAME AGE. */
public final class Tables {
  private Tables() {}

  static final Table<V1.Namespace> NAMESPACE = new Table<>(V1.Namespace.class,
      Column.nameColumn(),
      Column.of("STATUS", (n, now) -> n.getStatus().getPhase()),
      Column.age());

  /** Upstream's priorityclass columns (PreemptionPolicy printed by default, as 1.32 does). */
  static final Table<V1Scheduling.PriorityClass> PRIORITY_CLASS = new Table<>(V1Scheduling.PriorityClass.class,
      Column.nameColumn(),
      Column.of("VALUE", (c, now) -> Integer.toString(c.getValue())),
      Column.of("GLOBAL-DEFAULT", (c, now) -> Boolean.toString(c.getGlobalDefault())),
      Column.age(),
      Column.of("PREEMPTIONPOLICY", (c, now) -> c.getPreemptionPolicy()));

  private static final Map<Kind, Table<?>> BY_KIND = Map.of(
      Kinds.POD, PodTable.TABLE,
      Kinds.NODE, NodeTable.TABLE,
      Kinds.NAMESPACE, NAMESPACE,
      Kinds.SERVICE, ServiceTable.TABLE,
      Kinds.EVENT, EventTable.TABLE,
      Kinds.DEPLOYMENT, AppsTables.DEPLOYMENT,
      Kinds.REPLICA_SET, AppsTables.REPLICA_SET,
      Kinds.PRIORITY_CLASS, PRIORITY_CLASS);

  private static final Table<Message> DEFAULT = new Table<>(Message.class, Column.nameColumn(), Column.age());

  public static Table<?> forKind(Kind kind) {
    return BY_KIND.getOrDefault(kind, DEFAULT);
  }
}
