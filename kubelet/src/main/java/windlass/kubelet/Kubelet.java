package windlass.kubelet;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.kubernetes.client.proto.V1;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import windlass.crishim.CriException;
import windlass.crishim.CriRuntime;
import windlass.kubelet.logs.ContainerLogsService;
import windlass.kubelet.network.PodNetwork;
import windlass.kubelet.node.MachineInfo;
import windlass.kubelet.node.NodeAgent;
import windlass.kubelet.node.NodeLease;
import windlass.kubelet.node.NodeStatusFactory;
import windlass.kubelet.pod.Backoff;
import windlass.kubelet.pod.Housekeeping;
import windlass.kubelet.pod.PodCgroups;
import windlass.kubelet.pod.PodSource;
import windlass.kubelet.pod.PodSyncer;
import windlass.kubelet.pod.PodWorkers;
import windlass.kubelet.pod.Pleg;
import windlass.kubelet.pod.SandboxConfigFactory;
import windlass.kubelet.pod.StatusWriter;
import windlass.kubelet.status.PodStatusFactory;

/**
 * The node agent as a Guava Service. Starting: connect to the CRI runtime, register the Node (writing the CNI conflist
 * for the pod CIDR first), serve windlass.kubelet.v1.Kubelet on nodeIp:port, then follow the pods bound to the node
 * with a worker each; heartbeats every {@code heartbeat}, PLEG relist every {@code relist}, orphan sweep every
 * {@code housekeeping}. Stopping leaves pods running (a restarted kubelet adopts them).
 */
public final class Kubelet extends AbstractIdleService {
  private static final Logger LOG = Logger.getLogger(Kubelet.class.getName());

  private final KubeletConfig config;
  private final ServerBuilder<?> serverBuilder;
  private final RepeatedFailures failures = new RepeatedFailures();
  private CriRuntime cri;
  private Server server;
  private ScheduledExecutorService timers;
  private ExecutorService workersPool;
  private PodSource source;
  private PodWorkers workers;
  private NodeAgent nodeAgent;
  private NodeLease nodeLease;

  public Kubelet(KubeletConfig config) {
    this(config, NettyServerBuilder.forAddress(new InetSocketAddress(config.nodeIp(), config.port())));
  }

  /** With the server builder given (an in-process one in tests). */
  public Kubelet(KubeletConfig config, ServerBuilder<?> serverBuilder) {
    this.config = config;
    this.serverBuilder = serverBuilder;
  }

  @Override
  protected void startUp() throws Exception {
    String node = config.nodeName();
    cri = CriRuntime.connect(config.criEndpoint());
    var version = cri.version();
    LOG.info("kubelet " + node + ": runtime " + version.getRuntimeName() + " " + version.getRuntimeVersion()
        + " (CRI " + version.getRuntimeApiVersion() + ") at " + config.criEndpoint());
    timers = Executors.newScheduledThreadPool(2, daemon("kubelet-timer-" + node));
    workersPool = Executors.newCachedThreadPool(daemon("pod-worker-" + node));

    MachineInfo machine = MachineInfo.read(Path.of("/"));
    PodNetwork network = config.cniConfDir() == null ? null
        : new PodNetwork(config.cniConfDir(), config.cniBridge(), config.cniIpamDir());
    nodeAgent = new NodeAgent(ClientApis.nodes(config.client()), cri,
        new NodeStatusFactory(new NodeStatusFactory.Identity(node, config.nodeIp(), config.port(), machine)),
        config.clock(), node, config.podCidr(), network);
    nodeAgent.register(machine.architecture());
    nodeLease = new NodeLease(config.client().leases(NodeLease.NAMESPACE), () -> config.client().nodes().get(node),
        config.clock(), node);
    guarded("node lease", nodeLease::renew);

    var api = ClientApis.pods(config.client());
    PodSyncer syncer = new PodSyncer(cri, new SandboxConfigFactory(config.podLogsDir(), node),
        new PodStatusFactory(version.getRuntimeName()), Backoff.crashLoop(config.clock()), config.clock(),
        config.nodeIp(), new PodCgroups(config.cgroupRoot()), config.podLogsDir());
    workers = new PodWorkers(syncer, new StatusWriter(api), api, workersPool, timers, config.clock());

    server = serverBuilder.addService(new ContainerLogsService(cri, workers::find, config.podLogsDir(),
        config.clock(), 250)).build().start();
    LOG.info("kubelet " + node + " serving windlass.kubelet.v1.Kubelet on " + config.nodeIp() + ":" + port());

    Housekeeping housekeeping = new Housekeeping(cri, syncer, node, workers::uids);
    Pleg pleg = new Pleg(cri, node, workers::signal);
    AtomicBoolean synced = new AtomicBoolean();
    source = new PodSource(config.client().pods(""), node, new PodSource.Handler() {
      @Override
      public void upsert(V1.Pod pod) {
        workers.update(pod);
      }

      @Override
      public void removed(V1.Pod pod) {
        workers.remove(pod);
      }

      @Override
      public void synced() {
        if (synced.compareAndSet(false, true)) {
          timers.execute(() -> guarded("housekeeping", housekeeping::removeOrphans));
        }
      }
    }, java.time.Duration.ofSeconds(1));
    source.start();

    every(config.heartbeat(), "node status", nodeAgent::heartbeat);
    every(NodeLease.RENEW_INTERVAL, "node lease", nodeLease::renew);
    every(config.relist(), "PLEG relist", pleg::relist);
    every(config.housekeeping(), "housekeeping", () -> {
      if (synced.get()) {
        housekeeping.removeOrphans();
      }
    });
  }

  @Override
  protected void shutDown() {
    if (source != null) {
      source.close();
    }
    if (timers != null) {
      timers.shutdownNow();
    }
    if (workersPool != null) {
      workersPool.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
    if (cri != null) {
      cri.close();
    }
  }

  /** The port the kubelet's gRPC server listens on (useful with port 0). */
  public int port() {
    return server == null ? config.port() : server.getPort();
  }

  public KubeletConfig config() {
    return config;
  }

  private void every(java.time.Duration period, String what, Runnable r) {
    long ms = period.toMillis();
    timers.scheduleWithFixedDelay(() -> guarded(what, r), ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a periodic task: a failure is logged when it is news (the first, or another message; the stack trace only
   * for failures other than the runtime's CRI errors), and so is the recovery.
   */
  private void guarded(String what, Runnable r) {
    try {
      r.run();
      if (failures.succeeded(what)) {
        LOG.log(Level.INFO, what + " works again");
      }
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (!failures.failed(what, message)) {
        return;
      }
      String text = what + " failed: " + message + " (logged again when the failure changes or ends)";
      if (e instanceof CriException) {
        LOG.log(Level.WARNING, text);
      } else {
        LOG.log(Level.WARNING, text, e);
      }
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
