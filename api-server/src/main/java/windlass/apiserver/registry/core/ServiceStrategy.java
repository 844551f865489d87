package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.ObjectMetaValidation;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * Services as upstream: DNS-1035 names, defaults (type ClusterIP, sessionAffinity None, TCP, targetPort = port,
 * traffic policies), port validation, and allocated values (cluster IP, node ports) kept across updates that leave
 * them out. Allocation itself is {@link ServiceAllocator}'s.
 */
public final class ServiceStrategy extends BaseStrategy<V1.Service> {
  private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  public ServiceStrategy() {
    super(Kinds.SERVICE, V1.Service.class, NameFormats::dns1035Label);
  }

  @Override
  protected V1.Service applyDefaults(V1.Service svc) {
    V1.ServiceSpec.Builder s = svc.getSpec().toBuilder();
    if (s.getType().isEmpty()) {
      s.setType("ClusterIP");
    }
    if (s.getSessionAffinity().isEmpty()) {
      s.setSessionAffinity("None");
    }
    for (int i = 0; i < s.getPortsCount(); i++) {
      V1.ServicePort.Builder p = s.getPorts(i).toBuilder();
      if (p.getProtocol().isEmpty()) {
        p.setProtocol("TCP");
      }
      if (!p.hasTargetPort() || (p.getTargetPort().getType() == 0 && p.getTargetPort().getIntVal() == 0
          && p.getTargetPort().getStrVal().isEmpty())) {
        p.setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(p.getPort()));
      }
      s.setPorts(i, p);
    }
    if (!s.getType().equals("ExternalName") && s.getInternalTrafficPolicy().isEmpty()) {
      s.setInternalTrafficPolicy("Cluster");
    }
    if ((s.getType().equals("NodePort") || s.getType().equals("LoadBalancer"))
        && s.getExternalTrafficPolicy().isEmpty()) {
      s.setExternalTrafficPolicy("Cluster");
    }
    return svc.toBuilder().setSpec(s).build();
  }

  @Override
  protected V1.Service resetForCreate(V1.Service svc) {
    return svc.toBuilder().setStatus(V1.ServiceStatus.newBuilder()
        .setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance())).build();
  }

  @Override
  protected List<FieldError> check(V1.Service svc) {
    List<FieldError> errs = new ArrayList<>();
    V1.ServiceSpec s = svc.getSpec();
    if (!TYPES.contains(s.getType())) {
      errs.add(FieldError.notSupported("spec.type", s.getType(), TYPES));
    }
    boolean headless = "None".equals(s.getClusterIP());
    boolean externalName = s.getType().equals("ExternalName");
    if (s.getPortsCount() == 0 && !headless && !externalName) {
      errs.add(FieldError.required("spec.ports", ""));
    }
    if (externalName) {
      if (!s.getClusterIP().isEmpty()) {
        errs.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
      }
      if (s.getExternalName().isEmpty()) {
        errs.add(FieldError.required("spec.externalName", ""));
      } else {
        String name = s.getExternalName().endsWith(".")
            ? s.getExternalName().substring(0, s.getExternalName().length() - 1) : s.getExternalName();
        for (String msg : NameFormats.dns1123Subdomain(name)) {
          errs.add(FieldError.invalid("spec.externalName", s.getExternalName(), msg));
        }
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.getPortsCount(); i++) {
      port(s.getPorts(i), "spec.ports[" + i + "]", s.getPortsCount() > 1, names, errs);
    }
    boolean nodePorts = s.getType().equals("NodePort") || s.getType().equals("LoadBalancer");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.getPortsCount(); i++) {
      V1.ServicePort p = s.getPorts(i);
      if (p.getNodePort() == 0) {
        continue;
      }
      String path = "spec.ports[" + i + "].nodePort";
      if (!nodePorts && TYPES.contains(s.getType())) {
        errs.add(FieldError.forbidden(path, "may not be used when `type` is '" + s.getType() + "'"));
      } else if (!seen.add(p.getNodePort() + "/" + p.getProtocol())) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, path, String.valueOf(p.getNodePort()), null));
      }
    }
    errs.addAll(ObjectMetaValidation.labels(s.getSelectorMap(), "spec.selector"));
    return errs;
  }

  private static void port(V1.ServicePort p, String path, boolean nameRequired, Set<String> names,
      List<FieldError> errs) {
    if (p.getName().isEmpty()) {
      if (nameRequired) {
        errs.add(FieldError.required(path + ".name", ""));
      }
    } else {
      for (String msg : NameFormats.dns1123Label(p.getName())) {
        errs.add(FieldError.invalid(path + ".name", p.getName(), msg));
      }
      if (!names.add(p.getName())) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, path + ".name", "\"" + p.getName() + "\"", null));
      }
    }
    if (p.getPort() < 1 || p.getPort() > 65535) {
      errs.add(FieldError.invalid(path + ".port", p.getPort(), "must be between 1 and 65535, inclusive"));
    }
    if (!PROTOCOLS.contains(p.getProtocol())) {
      errs.add(FieldError.notSupported(path + ".protocol", p.getProtocol(), PROTOCOLS));
    }
    IntOrString t = p.getTargetPort();
    if (t.getType() == 0 && (t.getIntVal() < 1 || t.getIntVal() > 65535)) {
      errs.add(FieldError.invalid(path + ".targetPort", t.getIntVal(), "must be between 1 and 65535, inclusive"));
    }
    if (t.getType() == 1) {
      for (String msg : portName(t.getStrVal())) {
        errs.add(FieldError.invalid(path + ".targetPort", t.getStrVal(), msg));
      }
    }
    if (p.getNodePort() != 0 && (p.getNodePort() < 1 || p.getNodePort() > 65535)) {
      errs.add(FieldError.invalid(path + ".nodePort", p.getNodePort(), "must be between 1 and 65535, inclusive"));
    }
  }

  /** upstream IsValidPortName: an IANA_SVC_NAME (at most 15 characters, a-z0-9 and '-', at least one letter). */
  static List<String> portName(String name) {
    List<String> errs = new ArrayList<>();
    if (name.length() < 1 || name.length() > 15) {
      errs.add("must be no more than 15 characters");
    }
    if (!name.matches("[-a-z0-9]+")) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!name.matches(".*[a-z].*")) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (name.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** Keeps status, and the allocated cluster IP / node ports when the update leaves them out. */
  @Override
  public Message prepareForUpdate(Message obj, Message old) {
    V1.Service svc = cast(super.prepareForUpdate(obj, old));
    V1.ServiceSpec was = cast(old).getSpec();
    V1.ServiceSpec.Builder s = svc.getSpec().toBuilder();
    if (s.getClusterIP().isEmpty() && !was.getClusterIP().isEmpty()) {
      s.setClusterIP(was.getClusterIP()).clearClusterIPs().addAllClusterIPs(was.getClusterIPsList());
    }
    if (s.getIpFamiliesCount() == 0) {
      s.addAllIpFamilies(was.getIpFamiliesList());
    }
    if (!s.hasIpFamilyPolicy() && was.hasIpFamilyPolicy()) {
      s.setIpFamilyPolicy(was.getIpFamilyPolicy());
    }
    for (int i = 0; i < s.getPortsCount(); i++) {
      V1.ServicePort p = s.getPorts(i);
      if (p.getNodePort() == 0) {
        for (V1.ServicePort q : was.getPortsList()) {
          if (q.getPort() == p.getPort() && q.getProtocol().equals(p.getProtocol()) && q.getNodePort() != 0) {
            s.setPorts(i, p.toBuilder().setNodePort(q.getNodePort()));
          }
        }
      }
    }
    return svc.toBuilder().setSpec(s).build();
  }

  @Override
  protected List<FieldError> checkUpdate(V1.Service svc, V1.Service old) {
    String was = old.getSpec().getClusterIP();
    String now = svc.getSpec().getClusterIP();
    if (!was.isEmpty() && !was.equals(now) && !old.getSpec().getType().equals("ExternalName")) {
      String ips = String.join(", ", svc.getSpec().getClusterIPsList().stream().map(ip -> "\"" + ip + "\"").toList());
      return List.of(new FieldError(FieldError.Type.INVALID, "spec.clusterIPs[0]", "[]string{" + ips + "}",
          "may not change once set"));
    }
    return List.of();
  }
}
