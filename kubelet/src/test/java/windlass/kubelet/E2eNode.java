package windlass.kubelet;

import java.nio.file.Path;

/**
 * The CNI settings of the containerd the e2e tests run against, as scripts/test exports them (defaults: the node
 * `./windlass up` sets up, /run/windlass with wlcni0 and 10.88.0.0/16), so tests never rewrite another node's network.
 */
public final class E2eNode {
  private static final Path RUN = Path.of("/run/windlass/containerd");
  public static final Path CNI_CONF_DIR = Path.of(env("WINDLASS_CNI_CONF_DIR", RUN.resolve("net.d").toString()));
  public static final Path CNI_IPAM_DIR = Path.of(env("WINDLASS_CNI_IPAM_DIR", RUN.resolve("cni-ipam").toString()));
  public static final String CNI_BRIDGE = env("WINDLASS_CNI_BRIDGE", "wlcni0");
  public static final String POD_CIDR = env("WINDLASS_POD_CIDR", "10.88.0.0/16");
  /** The bridge's address: the pod network's first host address (host-local's gateway). */
  public static final String GATEWAY = POD_CIDR.substring(0, POD_CIDR.lastIndexOf('.')) + ".1";
  /** "10.88." — the first two octets every pod IP of a /16 starts with. */
  public static final String IP_PREFIX = POD_CIDR.substring(0, POD_CIDR.indexOf('.', POD_CIDR.indexOf('.') + 1) + 1);

  private E2eNode() {}

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? dflt : v;
  }
}
