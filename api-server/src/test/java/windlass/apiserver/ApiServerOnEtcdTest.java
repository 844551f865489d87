package windlass.apiserver;

import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import windlass.apiserver.storage.EtcdCluster;

/** Every ApiServerTest case with {@code --storage=etcd:...}: a private single-member etcd per test. */
@Tag("e2e")
class ApiServerOnEtcdTest extends ApiServerTest {
  private EtcdCluster etcd;

  @Override
  protected ApiServer.Config config() {
    try {
      if (etcd == null) {
        etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot start etcd: " + e.getMessage(), e);
    }
    String endpoints = etcd.endpoints().stream().map(Object::toString).collect(Collectors.joining(","));
    return new ApiServer.Config(dir, null, "etcd:" + endpoints);
  }

  @AfterEach
  @Override
  void stop() {
    super.stop();
    if (etcd != null) {
      try {
        etcd.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
