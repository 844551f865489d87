package windlass.kubectl.printers;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, wide adds INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME.
 */
final class NodeTable {
  private NodeTable() {}

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  static final Table<V1.Node> TABLE = new Table<>(V1.Node.class,
      Column.nameColumn(),
      Column.of("STATUS", (n, now) -> status(n)),
      Column.of("ROLES", (n, now) -> roles(n)),
      Column.age(),
      Column.of("VERSION", (n, now) -> n.getStatus().getNodeInfo().getKubeletVersion()),
      Column.wide("INTERNAL-IP", (n, now) -> address(n, "InternalIP")),
      Column.wide("EXTERNAL-IP", (n, now) -> address(n, "ExternalIP")),
      Column.wide("OS-IMAGE", (n, now) -> orUnknown(n.getStatus().getNodeInfo().getOsImage())),
      Column.wide("KERNEL-VERSION", (n, now) -> orUnknown(n.getStatus().getNodeInfo().getKernelVersion())),
      Column.wide("CONTAINER-RUNTIME", (n, now) -> orUnknown(n.getStatus().getNodeInfo().getContainerRuntimeVersion())));

  /** "Ready", "NotReady", "Unknown" (no Ready condition), with ",SchedulingDisabled" when cordoned. */
  static String status(V1.Node n) {
    List<String> status = new ArrayList<>();
    V1.NodeCondition ready = null;
    for (V1.NodeCondition c : n.getStatus().getConditionsList()) {
      if (c.getType().equals("Ready")) {
        ready = c; // the last one wins, as upstream's map does
      }
    }
    if (ready != null) {
      status.add(ready.getStatus().equals("True") ? "Ready" : "NotReady");
    } else {
      status.add("Unknown");
    }
    if (n.getSpec().getUnschedulable()) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  static String roles(V1.Node n) {
    TreeSet<String> roles = new TreeSet<>();
    n.getMetadata().getLabelsMap().forEach((k, v) -> {
      if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
        roles.add(k.substring(ROLE_PREFIX.length()));
      } else if (k.equals(ROLE_LABEL) && !v.isEmpty()) {
        roles.add(v);
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String address(V1.Node n, String type) {
    for (V1.NodeAddress a : n.getStatus().getAddressesList()) {
      if (a.getType().equals(type)) {
        return a.getAddress();
      }
    }
    return "<none>";
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }
}
