package windlass.kubectl.printers;

import io.kubernetes.client.proto.V1;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, wide adds IP NODE NOMINATED NODE READINESS GATES. */
final class PodTable {
  private PodTable() {}

  static final Table<V1.Pod> TABLE = new Table<>(V1.Pod.class,
      Column.nameColumn(),
      Column.of("READY", (p, now) -> PodSummary.of(p).readyCell()),
      Column.of("STATUS", (p, now) -> PodSummary.of(p).status()),
      Column.of("RESTARTS", (p, now) -> PodSummary.of(p).restartsCell(now)),
      Column.age(),
      Column.wide("IP", (p, now) -> p.getStatus().getPodIPsCount() > 0 && !p.getStatus().getPodIPs(0).getIp().isEmpty()
          ? p.getStatus().getPodIPs(0).getIp() : "<none>"),
      Column.wide("NODE", (p, now) -> orNone(p.getSpec().getNodeName())),
      Column.wide("NOMINATED NODE", (p, now) -> orNone(p.getStatus().getNominatedNodeName())),
      Column.wide("READINESS GATES", (p, now) -> readinessGates(p)));

  static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  private static String readinessGates(V1.Pod p) {
    if (p.getSpec().getReadinessGatesCount() == 0) {
      return "<none>";
    }
    int trueConditions = 0;
    for (V1.PodReadinessGate gate : p.getSpec().getReadinessGatesList()) {
      for (V1.PodCondition c : p.getStatus().getConditionsList()) {
        if (c.getType().equals(gate.getConditionType())) {
          if (c.getStatus().equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + p.getSpec().getReadinessGatesCount();
  }
}
