package windlass.apiserver;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.apiserver.cache.WatchCacheConfig;
import windlass.apiserver.storage.EtcdTls;

/** {@code windlass-apiserver}: runs the apiserver until SIGTERM/SIGINT. */
@Command(name = "windlass-apiserver", mixinStandardHelpOptions = true, version = "windlass apiserver (Kubernetes v1.32.0)",
    description = "Serves the windlass.api.v1 gRPC API (Resources, Discovery, PodStreams) over embedded storage.")
public final class Main implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "/var/lib/windlass/apiserver",
      description = "Directory for the apiserver's state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--listen", defaultValue = ApiServer.Config.DEFAULT_LISTEN,
      description = "host:port to serve gRPC on; ':6443' for every interface (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--storage", description = "Storage backend: sqlite:<path> (default: sqlite:<data-dir>/state.db) "
      + "or etcd:http(s)://host:2379[,host2:2379...].")
  String storage;

  @Option(names = "--watch-cache", arity = "1", defaultValue = "true",
      description = "Serve lists and watches from a per-resource watch cache; false: every request reads storage "
          + "(default: ${DEFAULT-VALUE}).")
  boolean watchCache;

  @Option(names = "--watch-cache-memory", defaultValue = WatchCacheConfig.DEFAULT_MEMORY,
      description = "Memory budget of all watch caches together (quantity, e.g. 64Mi, 1Gi), divided equally among "
          + "resources; each resource's event window shrinks to fit (default: ${DEFAULT-VALUE}).")
  String watchCacheMemory;

  @Option(names = "--etcd-cafile", description = "SSL Certificate Authority file used to secure etcd communication.")
  Path etcdCaFile;

  @Option(names = "--etcd-certfile", description = "SSL certification file used to secure etcd communication.")
  Path etcdCertFile;

  @Option(names = "--etcd-keyfile", description = "SSL key file used to secure etcd communication (PEM, PKCS#8).")
  Path etcdKeyFile;

  /** The configuration the flags describe; IllegalArgumentException for a bad combination. */
  ApiServer.Config config() {
    EtcdTls tls = etcdCaFile == null && etcdCertFile == null && etcdKeyFile == null ? null
        : new EtcdTls(etcdCaFile, etcdCertFile, etcdKeyFile);
    WatchCacheConfig cache;
    try {
      cache = WatchCacheConfig.of(watchCache, WatchCacheConfig.parseMemory(watchCacheMemory));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--watch-cache-memory: " + e.getMessage(), e);
    }
    return new ApiServer.Config(dataDir, listen, storage, tls, cache);
  }

  @Override
  public Integer call() {
    ApiServer.Config config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    ApiServer server = new ApiServer(config);
    try {
      server.startAsync().awaitRunning();
    } catch (IllegalStateException e) {
      Throwable cause = server.failureCause();
      System.err.println("error: " + (cause != null ? cause.getMessage() : e.getMessage()));
      return 1;
    }
    // the port actually bound, so "--listen 127.0.0.1:0" tells its caller where to connect
    String bound = listen.substring(0, listen.lastIndexOf(':') + 1) + server.port();
    System.out.println("apiserver listening on " + bound + " (storage " + server.config().storage() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopAsync().awaitTerminated(), "apiserver-stop"));
    server.awaitTerminated();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
