package windlass.apiserver;

import com.google.common.net.HostAndPort;
import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import windlass.apiserver.cache.WatchCacheConfig;
import windlass.apiserver.grpc.DiscoveryService;
import windlass.apiserver.grpc.KubeletChannels;
import windlass.apiserver.grpc.KubeletDialer;
import windlass.apiserver.grpc.PodStreamsService;
import windlass.apiserver.grpc.ResourcesService;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.storage.Backend;
import windlass.apiserver.storage.Compactor;
import windlass.apiserver.storage.EtcdTls;
import windlass.apiserver.storage.StorageSpec;

/**
 * The apiserver as a Guava {@link com.google.common.util.concurrent.Service}: opens the storage, creates the system
 * namespaces, serves windlass.api.v1 (Resources, Discovery, PodStreams) over gRPC, compacts history every five
 * minutes. Stopping closes the server, then the storage; a new ApiServer on the same data dir finds every object.
 *
 * <pre>{@code
 * ApiServer s = new ApiServer(ApiServer.Config.of(Path.of("/var/lib/windlass/apiserver")));
 * s.startAsync().awaitRunning();
 * }</pre>
 * Tests pass an in-process ServerBuilder: {@code new ApiServer(config, InProcessServerBuilder.forName(n).directExecutor())}.
 *
 * <p>Besides its listener, a running apiserver serves the same services in-process: components in the same JVM
 * ({@code windlass up} runs the controller manager, scheduler and kubelet beside it) reach it through {@link
 * #inProcessChannel()}, the same gRPC calls without the TCP stack, framing and protobuf encoding.
 */
public final class ApiServer extends AbstractIdleService {
  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
  private static final Duration COMPACTION_INTERVAL = Duration.ofMinutes(5);

  /**
   * @param dataDir where state lives
   * @param listen host:port to serve on (":6443" for every interface, port 0 for any free port)
   * @param storage {@code sqlite:<path>} or {@code etcd:http(s)://host:port,...} (see {@link StorageSpec})
   * @param etcdTls TLS files for https etcd endpoints; null for none
   * @param watchCache the watch caches' memory budget, or off (null: on, 64Mi)
   */
  public record Config(Path dataDir, String listen, String storage, EtcdTls etcdTls, WatchCacheConfig watchCache) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:6443";

    /** The defaults: 127.0.0.1:6443 and {@code sqlite:<dataDir>/state.db}. */
    public static Config of(Path dataDir) {
      return new Config(dataDir, DEFAULT_LISTEN, null, null);
    }

    public Config(Path dataDir, String listen, String storage) {
      this(dataDir, listen, storage, null, null);
    }

    /** IllegalArgumentException for a bad {@code --storage} value, naming the accepted forms. */
    public Config {
      if (dataDir == null) {
        throw new IllegalArgumentException("a data directory is required");
      }
      listen = listen == null || listen.isEmpty() ? DEFAULT_LISTEN : listen;
      storage = StorageSpec.parse(storage, dataDir, etcdTls).toString();
      watchCache = watchCache == null ? WatchCacheConfig.DEFAULT : watchCache;
    }

    public Config(Path dataDir, String listen, String storage, EtcdTls etcdTls) {
      this(dataDir, listen, storage, etcdTls, null);
    }

    public Config withListen(String l) {
      return new Config(dataDir, l, storage, etcdTls, watchCache);
    }

    public Config withWatchCache(WatchCacheConfig c) {
      return new Config(dataDir, listen, storage, etcdTls, c);
    }

    public StorageSpec storageSpec() {
      return StorageSpec.parse(storage, dataDir, etcdTls);
    }

    /** Opens the configured backend (the apiserver; benchmarks). */
    public Backend openStorage() {
      return storageSpec().open();
    }

    InetSocketAddress listenAddress() {
      HostAndPort hp = HostAndPort.fromString(listen).withDefaultPort(6443);
      return hp.getHost().isEmpty() ? new InetSocketAddress(hp.getPort())
          : new InetSocketAddress(hp.getHost(), hp.getPort());
    }
  }

  private final Config config;
  private final ServerBuilder<?> serverBuilder;
  private final KubeletDialer dialer;
  private final Clock clock;
  private KubeletChannels ownChannels;
  private Backend backend;
  private Registry registry;
  private Compactor compactor;
  private Server server;
  private final String inProcessName = "windlass-apiserver-" + UUID.randomUUID();
  private Server inProcessServer;

  /** Serves plaintext gRPC on {@code config.listen()}. */
  public ApiServer(Config config) {
    this(config, NettyServerBuilder.forAddress(config.listenAddress()).maxInboundMessageSize(64 << 20), null,
        Clock.systemUTC());
  }

  /** Serves on the given builder (in-process for tests); kubelets are dialled over plaintext gRPC. */
  public ApiServer(Config config, ServerBuilder<?> serverBuilder) {
    this(config, serverBuilder, null, Clock.systemUTC());
  }

  /**
   * @param dialer how to reach kubelets for logs (null: plaintext gRPC to the node's address)
   */
  public ApiServer(Config config, ServerBuilder<?> serverBuilder, KubeletDialer dialer, Clock clock) {
    this.config = config;
    this.serverBuilder = serverBuilder;
    this.dialer = dialer;
    this.clock = clock;
  }

  public Config config() {
    return config;
  }

  /** The registry (running only): for in-process components and tests. */
  public Registry registry() {
    return registry;
  }

  /**
   * A new channel to this apiserver's in-process server (running only); the caller closes it. Calls run the handler
   * on the calling thread; streamed responses reach the caller on the channel's own executor, so a slow listener
   * never holds up the apiserver's watch delivery.
   */
  public ManagedChannel inProcessChannel() {
    if (inProcessServer == null) {
      throw new IllegalStateException("the apiserver is not running");
    }
    return InProcessChannelBuilder.forName(inProcessName).build();
  }

  /** The port actually bound (useful with port 0), -1 for in-process servers. */
  public int port() {
    return server == null ? -1 : server.getPort();
  }

  @Override
  protected void startUp() throws IOException {
    backend = config.openStorage();
    try {
      registry = new Registry(backend, clock, new SecureRandom(), Duration.ofMinutes(1), config.watchCache());
      registry.ensureSystemNamespaces();
      KubeletDialer kubelets = dialer;
      if (kubelets == null) {
        ownChannels = new KubeletChannels();
        kubelets = ownChannels;
      }
      ResourcesService resources = new ResourcesService(registry);
      DiscoveryService discovery = new DiscoveryService(registry.kinds());
      PodStreamsService streams = new PodStreamsService(registry, kubelets);
      server = serverBuilder.addService(resources).addService(discovery).addService(streams).build().start();
      inProcessServer = InProcessServerBuilder.forName(inProcessName).directExecutor()
          .addService(resources).addService(discovery).addService(streams).build().start();
      compactor = new Compactor(backend, COMPACTION_INTERVAL);
    } catch (IOException | RuntimeException e) {
      closeAll();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "apiserver serving on {0} (storage {1}, revision {2})",
        server.getListenSockets().isEmpty() ? "in-process" : server.getListenSockets(), config.storage(),
        backend.currentRevision());
  }

  @Override
  protected void shutDown() throws InterruptedException {
    for (Server s : new Server[] {server, inProcessServer}) {
      if (s != null) {
        s.shutdown();
        if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
          s.shutdownNow();
          s.awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
    closeAll();
  }

  private void closeAll() {
    if (compactor != null) {
      compactor.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
    if (inProcessServer != null) {
      inProcessServer.shutdownNow();
    }
    if (registry != null) {
      registry.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (ownChannels != null) {
      ownChannels.close();
    }
  }
}
