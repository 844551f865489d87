package windlass.kubectl.printers;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide adds SELECTOR. */
final class ServiceTable {
  private ServiceTable() {}

  /** upstream loadBalancerWidth: longer load-balancer addresses are clipped outside wide output. */
  private static final int LOAD_BALANCER_WIDTH = 16;

  static final Table<V1.Service> TABLE = new Table<>(V1.Service.class,
      Column.nameColumn(),
      Column.of("TYPE", (s, now) -> s.getSpec().getType()),
      Column.of("CLUSTER-IP", (s, now) -> s.getSpec().getClusterIPsCount() > 0 ? s.getSpec().getClusterIPs(0) : "<none>"),
      Column.of("EXTERNAL-IP", (s, now) -> externalIp(s, false)),
      Column.of("PORT(S)", (s, now) -> ports(s.getSpec().getPortsList())),
      Column.age(),
      Column.wide("SELECTOR", (s, now) -> LabelSelectors.formatLabels(s.getSpec().getSelectorMap())));

  static String externalIp(V1.Service svc, boolean wide) {
    List<String> externalIps = svc.getSpec().getExternalIPsList();
    switch (svc.getSpec().getType()) {
      case "ClusterIP", "NodePort":
        return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      case "LoadBalancer": {
        String lb = loadBalancer(svc.getStatus().getLoadBalancer(), wide);
        if (!externalIps.isEmpty()) {
          List<String> all = new ArrayList<>();
          if (!lb.isEmpty()) {
            all.addAll(List.of(lb.split(",")));
          }
          all.addAll(externalIps);
          return String.join(",", all);
        }
        return lb.isEmpty() ? "<pending>" : lb;
      }
      case "ExternalName":
        return svc.getSpec().getExternalName();
      default:
        return "<unknown>";
    }
  }

  private static String loadBalancer(V1.LoadBalancerStatus s, boolean wide) {
    TreeSet<String> result = new TreeSet<>();
    for (V1.LoadBalancerIngress i : s.getIngressList()) {
      if (!i.getIp().isEmpty()) {
        result.add(i.getIp());
      } else if (!i.getHostname().isEmpty()) {
        result.add(i.getHostname());
      }
    }
    String r = String.join(",", result);
    if (!wide && r.length() > LOAD_BALANCER_WIDTH) {
      r = r.substring(0, LOAD_BALANCER_WIDTH - 3) + "...";
    }
    return r;
  }

  /** "80/TCP", "80:30080/TCP", comma-joined; {@code <none>} without ports. */
  static String ports(List<V1.ServicePort> ports) {
    List<String> pieces = new ArrayList<>();
    for (V1.ServicePort p : ports) {
      pieces.add(p.getNodePort() > 0
          ? p.getPort() + ":" + p.getNodePort() + "/" + p.getProtocol()
          : p.getPort() + "/" + p.getProtocol());
    }
    return pieces.isEmpty() ? "<none>" : String.join(",", pieces);
  }
}
