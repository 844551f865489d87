package windlass.cnibridge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The node's CNI network: a conflist (CNI spec 1.0.0, what containerd 1.6 and the Debian plugins 1.1.1 accept) with
 * a {@code bridge} plugin (gateway on the bridge, no masquerading, hairpin on; host-local IPAM over the pod CIDR with
 * a default route) and {@code portmap} for hostPorts. Loopback is not listed: containerd adds it itself.
 *
 * @param networkName the CNI network name ("windlass"; unique per host)
 * @param podCidr     the node's pod CIDR (Node.spec.podCIDR)
 * @param bridge      Linux bridge name ("wlcni0")
 * @param ipamDataDir host-local's reservation directory (null: the plugin's default /var/lib/cni/networks)
 */
public record BridgeConflist(String networkName, PodCidr podCidr, String bridge, Path ipamDataDir) {
  public static final String DEFAULT_NETWORK = "windlass";
  public static final String DEFAULT_BRIDGE = "wlcni0";

  public BridgeConflist {
    Objects.requireNonNull(podCidr, "podCidr");
    if (networkName == null || !networkName.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("CNI network name \"" + networkName
          + "\" must start with a letter or digit, then letters, digits, '_', '.', '-'");
    }
    if (bridge == null || !bridge.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException("bridge name \"" + bridge + "\" must be 1-15 characters of [A-Za-z0-9_.-]");
    }
  }

  /** Network "windlass" on bridge wlcni0, host-local's default data dir. */
  public static BridgeConflist of(String podCidr) {
    return new BridgeConflist(DEFAULT_NETWORK, PodCidr.parse(podCidr), DEFAULT_BRIDGE, null);
  }

  public BridgeConflist withBridge(String b) {
    return new BridgeConflist(networkName, podCidr, b, ipamDataDir);
  }

  public BridgeConflist withIpamDataDir(Path dir) {
    return new BridgeConflist(networkName, podCidr, bridge, dir);
  }

  /** The file's text: stable (same input, same bytes), so a writer can tell "unchanged". */
  public String toJson() {
    String defaultRoute = podCidr.network() instanceof java.net.Inet6Address ? "::/0" : "0.0.0.0/0";
    StringBuilder ipam = new StringBuilder()
        .append("{ \"type\": \"host-local\", \"ranges\": [[{ \"subnet\": ").append(str(podCidr.toString()))
        .append(" }]],\n                \"routes\": [{ \"dst\": ").append(str(defaultRoute)).append(" }]");
    if (ipamDataDir != null) {
      ipam.append(", \"dataDir\": ").append(str(ipamDataDir.toString()));
    }
    ipam.append(" }");
    return "{\n"
        + "  \"cniVersion\": \"1.0.0\",\n"
        + "  \"name\": " + str(networkName) + ",\n"
        + "  \"plugins\": [\n"
        + "    { \"type\": \"bridge\", \"bridge\": " + str(bridge)
        + ", \"isGateway\": true, \"ipMasq\": false, \"hairpinMode\": true,\n"
        + "      \"ipam\": " + ipam + " },\n"
        + "    { \"type\": \"portmap\", \"capabilities\": { \"portMappings\": true } }\n"
        + "  ]\n"
        + "}\n";
  }

  /** A JSON string literal. */
  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
