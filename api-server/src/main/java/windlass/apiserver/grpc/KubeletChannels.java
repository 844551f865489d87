package windlass.apiserver.grpc;

import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The default {@link KubeletDialer}: one plaintext channel per kubelet address, kept while the apiserver runs. */
public final class KubeletChannels implements KubeletDialer, AutoCloseable {
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Override
  public Channel dial(String target) {
    return channels.computeIfAbsent(target,
        t -> Grpc.newChannelBuilder(t, InsecureChannelCredentials.create()).maxInboundMessageSize(16 << 20).build());
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow();
    }
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
