package windlass.dist;

import com.google.common.util.concurrent.Service;
import io.kubernetes.client.proto.V1;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import windlass.apiserver.ApiServer;
import windlass.client.ApiException;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;
import windlass.controllers.ControllerManager;
import windlass.controllers.ControllerManagerConfig;
import windlass.kubelet.Kubelet;
import windlass.kubelet.KubeletConfig;
import windlass.scheduler.Scheduler;
import windlass.scheduler.SchedulerConfig;

/**
 * A whole cluster in one JVM: apiserver (embedded SQLite under the data dir), controller manager, scheduler and a
 * kubelet on a real CRI runtime. The three components reach the apiserver over its in-process gRPC channel; other
 * processes (kubectl) use its TCP listener. {@code windlass up} runs one; the e2e tests run one against a private containerd.
 * Started in dependency order (the apiserver first), stopped in reverse.
 */
public final class SingleNodeCluster implements AutoCloseable {

  /**
   * @param dataDir apiserver state (state.db) and the kubeconfig
   * @param listen apiserver gRPC address, host:port (port 0 picks a free one)
   * @param nodeName the kubelet's Node
   * @param kubeletPort the kubelet's gRPC port (logs), 0 picks a free one
   */
  public record Config(Path dataDir, String listen, String nodeName, String criEndpoint, Path cniConfDir,
      String cniBridge, Path cniIpamDir, String podCidr, int kubeletPort, Path podLogsDir) {}

  private final Config config;
  private final PrintStream progress;
  private final long t0 = System.nanoTime();
  private final List<Service> started = new ArrayList<>();
  private ApiServer apiServer;
  private WindlassClient client;
  private Path kubeconfig;

  public SingleNodeCluster(Config config, PrintStream progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Starts every component and returns once the node is Ready (or throws after {@code readyTimeout}). */
  public SingleNodeCluster start(Duration readyTimeout) throws TimeoutException, InterruptedException {
    apiServer = new ApiServer(new ApiServer.Config(config.dataDir(), config.listen(),
        "sqlite:" + config.dataDir().resolve("state.db")));
    startService("apiserver", apiServer);
    String server = "grpc://127.0.0.1:" + apiServer.port();
    kubeconfig = config.dataDir().resolve("kubeconfig");
    try {
      Kubeconfig.write(kubeconfig, "windlass", server);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write " + kubeconfig + ": " + e.getMessage(), e);
    }
    say("apiserver serving gRPC on " + server + ", state in " + config.dataDir().resolve("state.db"));
    // The components beside the apiserver call it in-process: the same gRPC services without TCP and encoding.
    // kubectl and other processes use the listener (the kubeconfig above).
    client = new WindlassClient(apiServer.inProcessChannel(), true);
    startService("controller-manager", new ControllerManager(ControllerManagerConfig.defaults(client)));
    startService("scheduler", new Scheduler(SchedulerConfig.defaults(client)));
    KubeletConfig kc = KubeletConfig.defaults(config.nodeName(), client)
        .withCriEndpoint(config.criEndpoint())
        .withPodCidr(config.podCidr())
        .withCni(config.cniConfDir(), config.cniBridge(), config.cniIpamDir())
        .withPort(config.kubeletPort());
    if (config.podLogsDir() != null) {
      kc = kc.withPodLogsDir(config.podLogsDir());
    }
    startService("kubelet", new Kubelet(kc));
    say("kubelet on " + config.criEndpoint() + ", node " + config.nodeName() + ", pod CIDR " + config.podCidr());
    awaitNodeReady(readyTimeout);
    say("node " + config.nodeName() + " is Ready");
    return this;
  }

  public WindlassClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** "grpc://127.0.0.1:PORT", the apiserver as kubeconfig names it. */
  public String server() {
    return "grpc://127.0.0.1:" + apiServer.port();
  }

  private void startService(String name, Service s) {
    s.startAsync();
    try {
      s.awaitRunning(60, TimeUnit.SECONDS);
    } catch (TimeoutException | IllegalStateException e) {
      Throwable cause = s.failureCause() != null ? s.failureCause() : e;
      close();
      throw new IllegalStateException(name + " failed to start: " + cause.getMessage(), cause);
    }
    started.add(s);
    say(name + " running");
  }

  private void awaitNodeReady(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not registered yet";
    while (System.nanoTime() < deadline) {
      try {
        V1.Node node = client.nodes().get(config.nodeName());
        for (V1.NodeCondition c : node.getStatus().getConditionsList()) {
          if (c.getType().equals("Ready")) {
            if (c.getStatus().equals("True")) {
              return;
            }
            last = c.getReason() + ": " + c.getMessage();
          }
        }
      } catch (ApiException e) {
        last = e.getMessage();
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("node " + config.nodeName() + " not Ready after " + timeout + " (" + last + ")");
  }

  private void say(String line) {
    if (progress != null) {
      progress.printf("[windlass %6.2fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
    }
  }

  /** Stops kubelet, scheduler, controllers, then the apiserver. Pods keep running in the container runtime. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Service s = started.get(i);
      s.stopAsync();
      try {
        s.awaitTerminated(30, TimeUnit.SECONDS);
      } catch (TimeoutException | IllegalStateException e) {
        say("stopping " + s + ": " + e.getMessage());
      }
    }
    started.clear();
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
