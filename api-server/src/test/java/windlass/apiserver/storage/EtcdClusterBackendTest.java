package windlass.apiserver.storage;

import org.junit.jupiter.api.Tag;

/** The backend contract against a private 3-member etcd cluster on loopback. */
@Tag("e2e")
class EtcdClusterBackendTest extends EtcdBackendTest {
  @Override
  protected int members() {
    return 3;
  }
}
