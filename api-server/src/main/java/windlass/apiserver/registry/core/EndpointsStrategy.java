package windlass.apiserver.registry.core;

import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** Endpoints as upstream: ports default to TCP; subsets need addresses, valid IPs and ports. */
public final class EndpointsStrategy extends BaseStrategy<V1.Endpoints> {
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  public EndpointsStrategy() {
    super(Kinds.ENDPOINTS, V1.Endpoints.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.Endpoints applyDefaults(V1.Endpoints ep) {
    V1.Endpoints.Builder b = ep.toBuilder();
    for (V1.EndpointSubset.Builder s : b.getSubsetsBuilderList()) {
      for (V1.EndpointPort.Builder p : s.getPortsBuilderList()) {
        if (p.getProtocol().isEmpty()) {
          p.setProtocol("TCP");
        }
      }
    }
    return b.build();
  }

  @Override
  protected List<FieldError> check(V1.Endpoints ep) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < ep.getSubsetsCount(); i++) {
      V1.EndpointSubset s = ep.getSubsets(i);
      String path = "subsets[" + i + "]";
      if (s.getAddressesCount() == 0 && s.getNotReadyAddressesCount() == 0) {
        errs.add(FieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
      }
      addresses(s.getAddressesList(), path + ".addresses", errs);
      addresses(s.getNotReadyAddressesList(), path + ".notReadyAddresses", errs);
      for (int j = 0; j < s.getPortsCount(); j++) {
        V1.EndpointPort p = s.getPorts(j);
        String pp = path + ".ports[" + j + "]";
        if (p.getName().isEmpty()) {
          if (s.getPortsCount() > 1) {
            errs.add(FieldError.required(pp + ".name", ""));
          }
        } else {
          for (String msg : NameFormats.dns1123Label(p.getName())) {
            errs.add(FieldError.invalid(pp + ".name", p.getName(), msg));
          }
        }
        if (p.getPort() < 1 || p.getPort() > 65535) {
          errs.add(FieldError.invalid(pp + ".port", p.getPort(), "must be between 1 and 65535, inclusive"));
        }
        if (p.getProtocol().isEmpty()) {
          errs.add(FieldError.required(pp + ".protocol", ""));
        } else if (!PROTOCOLS.contains(p.getProtocol())) {
          errs.add(FieldError.notSupported(pp + ".protocol", p.getProtocol(), PROTOCOLS));
        }
      }
    }
    return errs;
  }

  private static void addresses(List<V1.EndpointAddress> as, String path, List<FieldError> errs) {
    for (int k = 0; k < as.size(); k++) {
      V1.EndpointAddress a = as.get(k);
      if (!IpAddresses.isValid(a.getIp())) {
        errs.add(FieldError.invalid(path + "[" + k + "].ip", a.getIp(), IpAddresses.INVALID));
      }
      if (a.hasNodeName() && !a.getNodeName().isEmpty()) {
        for (String msg : NameFormats.dns1123Subdomain(a.getNodeName())) {
          errs.add(FieldError.invalid(path + "[" + k + "].nodeName", a.getNodeName(), msg));
        }
      }
    }
  }
}
