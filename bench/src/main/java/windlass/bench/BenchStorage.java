package windlass.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage a benchmark's apiserver runs on, from its {@code --storage} flag: the apiserver's own forms
 * ({@code sqlite:<path>}, {@code etcd:http://host:port}), plus two words for a private store made for the run:
 * {@code sqlite} (a fresh file under the run's directory) and {@code etcd} (a single-member etcd started under it,
 * fsync on, stopped with the run).
 */
final class BenchStorage implements AutoCloseable {
  private final String spec;
  private final EtcdServer etcd;

  private BenchStorage(String spec, EtcdServer etcd) {
    this.spec = spec;
    this.etcd = etcd;
  }

  static BenchStorage open(String flag, Path dir) throws IOException, InterruptedException {
    return switch (flag == null ? "sqlite" : flag) {
      case "sqlite" -> new BenchStorage("sqlite:" + dir.resolve("state.db"), null);
      case "etcd" -> {
        EtcdServer e = EtcdServer.start(dir.resolve("etcd"));
        yield new BenchStorage("etcd:" + e.endpoint(), e);
      }
      default -> new BenchStorage(flag, null);
    };
  }

  /** The apiserver's {@code --storage} value. */
  String spec() {
    return spec;
  }

  @Override
  public void close() throws InterruptedException {
    if (etcd != null) {
      etcd.close();
    }
  }
}
