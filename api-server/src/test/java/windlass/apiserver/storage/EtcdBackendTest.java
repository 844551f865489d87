package windlass.apiserver.storage;

import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The backend contract against a private single-member etcd (the Debian etcd binary), one per test. */
@Tag("e2e")
class EtcdBackendTest extends BackendContractTest {
  private EtcdCluster etcd;

  protected int members() {
    return 1;
  }

  @Override
  protected boolean progressIsLinearizable() {
    return members() == 1;
  }

  /** Progress only from an etcd that orders it with events: decided from the version etcd's HTTP endpoint gives. */
  @Override
  protected boolean answersProgress() throws Exception {
    return EtcdBackend.ordersProgress(etcd.serverVersion());
  }

  @Test
  void progressRequestsFollowTheMembersVersions() throws Exception {
    assertEquals(answersProgress(), ((EtcdBackend) backend).progressRequests(), "etcd " + etcd.serverVersion());
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
