package windlass.apiserver.registry.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import windlass.client.FieldError;
import windlass.client.validation.NameFormats;

/** An EndpointSlice address checked against its addressType, with upstream's messages. */
final class Addresses {
  private Addresses() {}

  static List<FieldError> validate(String type, String address, String path) {
    return switch (type) {
      case "IPv4" -> {
        byte[] ip = ipv4(address);
        yield ip == null ? List.of(FieldError.invalid(path, address, "must be a valid IPv4 address"))
            : special(ip, address, path);
      }
      case "IPv6" -> {
        byte[] ip = ipv6(address);
        yield ip == null ? List.of(FieldError.invalid(path, address, "must be a valid IPv6 address"))
            : special(ip, address, path);
      }
      case "FQDN" -> fqdn(address, path);
      default -> List.of();
    };
  }

  /** Dotted quad, leading zeros allowed as Go's ParseIPSloppy does; null when not one. */
  static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}")) {
        return null;
      }
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  static byte[] ipv6(String s) {
    if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(s);
      return a instanceof Inet6Address ? a.getAddress() : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** upstream ValidateNonSpecialIP. */
  private static List<FieldError> special(byte[] ip, String address, String path) {
    InetAddress a;
    try {
      a = InetAddress.getByAddress(ip);
    } catch (UnknownHostException e) {
      return List.of();
    }
    String why = null;
    if (a.isAnyLocalAddress()) {
      why = ip.length == 4 ? "may not be unspecified (0.0.0.0)" : "may not be unspecified (::)";
    } else if (a.isLoopbackAddress()) {
      why = "may not be in the loopback range (127.0.0.0/8, ::1/128)";
    } else if (a.isLinkLocalAddress()) {
      why = "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
    } else if (linkLocalMulticast(ip)) {
      why = "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
    }
    return why == null ? List.of() : List.of(FieldError.invalid(path, address, why));
  }

  private static boolean linkLocalMulticast(byte[] ip) {
    if (ip.length == 4) {
      return (ip[0] & 0xff) == 224 && ip[1] == 0 && ip[2] == 0;
    }
    return (ip[0] & 0xff) == 0xff && (ip[1] & 0x0f) == 0x02;
  }

  /** upstream IsFullyQualifiedDomainName. */
  private static List<FieldError> fqdn(String input, String path) {
    if (input.isEmpty()) {
      return List.of(FieldError.required(path, ""));
    }
    String name = input.endsWith(".") ? input.substring(0, input.length() - 1) : input;
    List<String> errs = NameFormats.dns1123Subdomain(name);
    if (!errs.isEmpty()) {
      return List.of(FieldError.invalid(path, name, String.join(",", errs)));
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2) {
      return List.of(FieldError.invalid(path, name, "should be a domain with at least two segments separated by dots"));
    }
    List<FieldError> out = new ArrayList<>();
    for (String label : labels) {
      List<String> e = NameFormats.dns1123Label(label);
      if (!e.isEmpty()) {
        out.add(FieldError.invalid(path, label, String.join(",", e)));
        break;
      }
    }
    return out;
  }
}
