package windlass.apiserver.grpc;

import io.grpc.Channel;

/** Opens the channel to a kubelet at "host:port" (plaintext for now; tests dial in-process). */
@FunctionalInterface
public interface KubeletDialer {
  Channel dial(String target);
}
