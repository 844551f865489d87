package windlass.apiserver;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.apiserver.cache.WatchCacheConfig;

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

  @Option(names = "--storage", description = "Storage backend: sqlite:<path> (default: sqlite:<data-dir>/state.db).")
  String storage;

  @Option(names = "--watch-cache", arity = "1", defaultValue = "true",
      description = "Serve lists and watches from a per-resource watch cache; false: every request reads storage "
          + "(default: ${DEFAULT-VALUE}).")
  boolean watchCache;

  @Option(names = "--watch-cache-memory", defaultValue = WatchCacheConfig.DEFAULT_MEMORY,
      description = "Memory budget of all watch caches together (quantity, e.g. 64Mi, 1Gi), divided equally among "
          + "resources; each resource's event window shrinks to fit (default: ${DEFAULT-VALUE}).")
  String watchCacheMemory;

  @Override
  public Integer call() {
    WatchCacheConfig cache;
    try {
      cache = WatchCacheConfig.of(watchCache, WatchCacheConfig.parseMemory(watchCacheMemory));
    } catch (IllegalArgumentException e) {
      System.err.println("error: --watch-cache-memory: " + e.getMessage());
      return 2;
    }
    ApiServer server = new ApiServer(new ApiServer.Config(dataDir, listen, storage, cache));
    try {
      server.startAsync().awaitRunning();
    } catch (IllegalStateException e) {
      Throwable cause = server.failureCause();
      System.err.println("error: " + (cause != null ? cause.getMessage() : e.getMessage()));
      return 1;
    }
    System.out.println("apiserver listening on " + listen + " (storage " + server.config().storage() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopAsync().awaitTerminated(), "apiserver-stop"));
    server.awaitTerminated();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
