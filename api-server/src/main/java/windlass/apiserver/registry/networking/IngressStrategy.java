package windlass.apiserver.registry.networking;

import io.kubernetes.client.proto.V1Networking;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * networking.k8s.io/v1 Ingresses as upstream: a default backend or rules, DNS (or wildcard) hosts that are not IPs,
 * HTTP paths with a pathType (Exact, Prefix, ImplementationSpecific) and an absolute clean path, backends naming
 * exactly one of a service (with a port name or number) or a resource; generation follows spec.
 */
public final class IngressStrategy extends BaseStrategy<V1Networking.Ingress> {
  private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final List<String> BAD_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> BAD_SUFFIXES = List.of("/..", "/.");
  private static final String WILDCARD = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  public IngressStrategy() {
    super(Kinds.INGRESS, V1Networking.Ingress.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  protected List<FieldError> check(V1Networking.Ingress ing) {
    V1Networking.IngressSpec s = ing.getSpec();
    List<FieldError> errs = new ArrayList<>();
    if (s.getRulesCount() == 0 && !s.hasDefaultBackend()) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec", "[]networking.IngressRule(nil)",
          "either `defaultBackend` or `rules` must be specified"));
    }
    if (s.hasDefaultBackend()) {
      errs.addAll(backend(s.getDefaultBackend(), "spec.defaultBackend"));
    }
    for (int i = 0; i < s.getRulesCount(); i++) {
      V1Networking.IngressRule r = s.getRules(i);
      String at = "spec.rules[" + i + "]";
      if (!r.getHost().isEmpty()) {
        errs.addAll(host(r.getHost(), at + ".host", true));
      }
      if (r.getIngressRuleValue().hasHttp()) {
        V1Networking.HTTPIngressRuleValue http = r.getIngressRuleValue().getHttp();
        if (http.getPathsCount() == 0) {
          errs.add(FieldError.required(at + ".http.paths", ""));
        }
        for (int j = 0; j < http.getPathsCount(); j++) {
          errs.addAll(path(http.getPaths(j), at + ".http.paths[" + j + "]"));
        }
      }
    }
    for (int i = 0; i < s.getTlsCount(); i++) {
      V1Networking.IngressTLS tls = s.getTls(i);
      for (int j = 0; j < tls.getHostsCount(); j++) {
        errs.addAll(host(tls.getHosts(j), "spec.tls[" + i + "].hosts[" + j + "]", false));
      }
    }
    if (s.hasIngressClassName()) {
      for (String msg : NameFormats.dns1123Subdomain(s.getIngressClassName())) {
        errs.add(FieldError.invalid("spec.ingressClassName", s.getIngressClassName(), msg));
      }
    }
    return errs;
  }

  private static List<FieldError> host(String host, String field, boolean rejectIp) {
    List<FieldError> errs = new ArrayList<>();
    if (rejectIp && (host.matches("[0-9.]+") && host.split("\\.").length == 4 || host.contains(":"))) {
      errs.add(FieldError.invalid(field, host, "must be a DNS name, not an IP address"));
    }
    if (host.contains("*")) {
      if (host.length() > 253) {
        errs.add(FieldError.invalid(field, host, NameFormats.maxLen(253)));
      }
      if (!host.matches(WILDCARD)) {
        errs.add(FieldError.invalid(field, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
            + "valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with "
            + "an alphanumeric character (e.g. '*.example.com', regex used for validation is '" + WILDCARD + "')"));
      }
    } else {
      for (String msg : NameFormats.dns1123Subdomain(host)) {
        errs.add(FieldError.invalid(field, host, msg));
      }
    }
    return errs;
  }

  private static List<FieldError> path(V1Networking.HTTPIngressPath p, String at) {
    List<FieldError> errs = new ArrayList<>();
    if (!p.hasPathType()) {
      errs.add(FieldError.required(at + ".pathType", "pathType must be specified"));
      return errs;
    }
    String path = p.getPath();
    switch (p.getPathType()) {
      case "Exact", "Prefix" -> {
        if (!path.startsWith("/")) {
          errs.add(FieldError.invalid(at + ".path", path, "must be an absolute path"));
        }
        if (!path.isEmpty()) {
          for (String seq : BAD_SEQUENCES) {
            if (path.contains(seq)) {
              errs.add(FieldError.invalid(at + ".path", path, "must not contain '" + seq + "'"));
            }
          }
          for (String suffix : BAD_SUFFIXES) {
            if (path.endsWith(suffix)) {
              errs.add(FieldError.invalid(at + ".path", path, "cannot end with '" + suffix + "'"));
            }
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!path.isEmpty() && !path.startsWith("/")) {
          errs.add(FieldError.invalid(at + ".path", path, "must be an absolute path"));
        }
      }
      default -> errs.add(FieldError.notSupported(at + ".pathType", p.getPathType(), PATH_TYPES));
    }
    errs.addAll(backend(p.getBackend(), at + ".backend"));
    return errs;
  }

  private static List<FieldError> backend(V1Networking.IngressBackend b, String at) {
    List<FieldError> errs = new ArrayList<>();
    if (b.hasResource() && b.hasService()) {
      errs.add(FieldError.invalid(at, "", "cannot set both resource and service backends"));
      return errs;
    }
    if (b.hasResource()) {
      if (b.getResource().getKind().isEmpty()) {
        errs.add(FieldError.required(at + ".resource.kind", ""));
      }
      if (b.getResource().getName().isEmpty()) {
        errs.add(FieldError.required(at + ".resource.name", ""));
      }
      return errs;
    }
    if (!b.hasService()) {
      errs.add(FieldError.invalid(at, "", "resource or service backend is required"));
      return errs;
    }
    V1Networking.IngressServiceBackend svc = b.getService();
    if (svc.getName().isEmpty()) {
      errs.add(FieldError.required(at + ".service.name", ""));
    } else {
      for (String msg : NameFormats.dns1035Label(svc.getName())) {
        errs.add(FieldError.invalid(at + ".service.name", svc.getName(), msg));
      }
    }
    boolean hasName = !svc.getPort().getName().isEmpty();
    boolean hasNumber = svc.getPort().getNumber() != 0;
    if (hasName && hasNumber) {
      errs.add(FieldError.invalid(at, "", "cannot set both port name & port number"));
    } else if (hasName) {
      for (String msg : portName(svc.getPort().getName())) {
        errs.add(FieldError.invalid(at + ".service.port.name", svc.getPort().getName(), msg));
      }
    } else if (hasNumber) {
      int n = svc.getPort().getNumber();
      if (n < 1 || n > 65535) {
        errs.add(FieldError.invalid(at + ".service.port.number", n, "must be between 1 and 65535, inclusive"));
      }
    } else {
      errs.add(FieldError.required(at + ".service.port.name", "port name or number is required"));
    }
    return errs;
  }

  /** upstream IsValidPortName (IANA_SVC_NAME). */
  static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (port.length() > 15) {
      errs.add("must be no more than 15 characters");
    }
    if (!port.matches("[-a-z0-9]+")) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!port.matches(".*[a-z].*")) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (port.startsWith("-") || port.endsWith("-")) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }
}
