package windlass.apiserver.registry.discovery;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1Discovery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.GoValues;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * discovery.k8s.io/v1 EndpointSlices as upstream: ports default to name "" and protocol TCP, addressType required
 * (IPv4, IPv6, FQDN) and immutable, every endpoint with 1-100 addresses of that type (no unspecified, loopback or
 * link-local IPs), unique DNS-label port names; generation 1 on create, bumped by any change outside metadata.
 */
public final class EndpointSliceStrategy extends BaseStrategy<V1Discovery.EndpointSlice> {
  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final int MAX_ADDRESSES = 100;

  public EndpointSliceStrategy() {
    super(Kinds.ENDPOINT_SLICE, V1Discovery.EndpointSlice.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public boolean generationChanged(Message obj, Message old) {
    return !cast(obj).toBuilder().clearMetadata().build().equals(cast(old).toBuilder().clearMetadata().build());
  }

  @Override
  protected V1Discovery.EndpointSlice applyDefaults(V1Discovery.EndpointSlice es) {
    V1Discovery.EndpointSlice.Builder b = es.toBuilder();
    for (V1Discovery.EndpointPort.Builder p : b.getPortsBuilderList()) {
      if (!p.hasName()) {
        p.setName("");
      }
      if (!p.hasProtocol()) {
        p.setProtocol("TCP");
      }
    }
    return b.build();
  }

  @Override
  protected List<FieldError> check(V1Discovery.EndpointSlice es) {
    List<FieldError> errs = new ArrayList<>();
    String type = es.getAddressType();
    if (type.isEmpty()) {
      errs.add(FieldError.required("addressType", ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      errs.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
    }
    for (int i = 0; i < es.getEndpointsCount(); i++) {
      V1Discovery.Endpoint e = es.getEndpoints(i);
      String path = "endpoints[" + i + "]";
      if (e.getAddressesCount() == 0) {
        errs.add(FieldError.required(path + ".addresses", "must contain at least 1 address"));
      } else if (e.getAddressesCount() > MAX_ADDRESSES) {
        errs.add(new FieldError(FieldError.Type.TOO_MANY, path + ".addresses",
            Integer.toString(e.getAddressesCount()), "must have at most " + MAX_ADDRESSES + " items"));
      }
      for (int j = 0; j < e.getAddressesCount(); j++) {
        errs.addAll(Addresses.validate(type, e.getAddresses(j), path + ".addresses[" + j + "]"));
      }
      if (e.hasNodeName()) {
        for (String msg : NameFormats.dns1123Subdomain(e.getNodeName())) {
          errs.add(FieldError.invalid(path + ".nodeName", e.getNodeName(), msg));
        }
      }
      if (e.hasHostname()) {
        for (String msg : NameFormats.dns1123Label(e.getHostname())) {
          errs.add(FieldError.invalid(path + ".hostname", e.getHostname(), msg));
        }
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < es.getPortsCount(); i++) {
      V1Discovery.EndpointPort p = es.getPorts(i);
      String path = "ports[" + i + "]";
      if (!p.getName().isEmpty()) {
        for (String msg : NameFormats.dns1123Label(p.getName())) {
          errs.add(FieldError.invalid(path + ".name", p.getName(), msg));
        }
      }
      if (!names.add(p.getName())) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, path + ".name", GoValues.quote(p.getName()), null));
      }
      if (!p.hasProtocol()) {
        errs.add(FieldError.required(path + ".protocol", ""));
      } else if (!PROTOCOLS.contains(p.getProtocol())) {
        errs.add(FieldError.notSupported(path + ".protocol", p.getProtocol(), PROTOCOLS));
      }
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Discovery.EndpointSlice es, V1Discovery.EndpointSlice old) {
    if (!es.getAddressType().equals(old.getAddressType())) {
      return List.of(FieldError.invalid("addressType", es.getAddressType(), "field is immutable"));
    }
    return List.of();
  }
}
