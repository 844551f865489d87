package windlass.apiserver.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The backend contract against a private single-member etcd (the Debian etcd binary), one per test. */
@Tag("e2e")
class EtcdBackendTest extends BackendContractTest {
  private EtcdCluster etcd;

  protected int members() {
    return 1;
  }

  @Override
  protected Backend open(Path dir) {
    try {
      if (etcd == null) {
        etcd = EtcdCluster.start(dir.resolve("etcd"), members());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot start etcd: " + e.getMessage(), e);
    }
    return EtcdBackend.connect(etcd.endpoints(), null);
  }

  @AfterEach
  void stopEtcd() throws InterruptedException {
    if (backend != null) {
      backend.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }
}
