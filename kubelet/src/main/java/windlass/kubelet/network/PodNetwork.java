package windlass.kubelet.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;
import windlass.cnibridge.BridgeConflist;
import windlass.cnibridge.ConflistWriter;
import windlass.cnibridge.PodCidr;

/**
 * The node's pod network as the kubelet sets it up: with containerd the runtime runs CNI itself, so the kubelet only
 * writes the conflist for its pod CIDR into the runtime's conf dir (protocols.md 5.4) and waits for NetworkReady.
 */
public final class PodNetwork {
  private static final Logger LOG = Logger.getLogger(PodNetwork.class.getName());
  private final ConflistWriter writer;
  private final String bridge;
  private final Path ipamDataDir;
  private volatile String configuredCidr;

  /** {@code ipamDataDir} may be null (host-local's default). */
  public PodNetwork(Path cniConfDir, String bridge, Path ipamDataDir) {
    this.writer = new ConflistWriter(cniConfDir);
    this.bridge = bridge;
    this.ipamDataDir = ipamDataDir;
  }

  /** Writes the conflist for {@code podCidr} if it differs from what is there. */
  public void ensure(String podCidr) throws IOException {
    BridgeConflist c = new BridgeConflist(BridgeConflist.DEFAULT_NETWORK, PodCidr.parse(podCidr), bridge, ipamDataDir);
    if (writer.write(c)) {
      LOG.info("wrote CNI config " + writer.file() + " for pod CIDR " + c.podCidr() + " (bridge " + bridge + ")");
    }
    configuredCidr = c.podCidr().toString();
  }

  /** The pod CIDR last written, or null. */
  public String configuredCidr() {
    return configuredCidr;
  }
}
