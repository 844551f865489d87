package windlass.scheduler;

import com.google.common.util.concurrent.Service;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;
import windlass.client.leaderelection.LeaderElectionFlags;

/** {@code windlass-scheduler}: runs the scheduler against an apiserver until stopped (SIGTERM, Ctrl-C). */
@Command(name = "windlass-scheduler", mixinStandardHelpOptions = true,
    description = "Assigns pending pods to nodes, as kube-scheduler.")
public final class Main implements Callable<Integer> {
  @Option(names = "--kubeconfig", description = "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
  String kubeconfig;

  @Option(names = "--server", description = "apiserver address (host:port or grpc://host:port); overrides the "
      + "kubeconfig")
  String server;

  @Option(names = "--scheduler-name", defaultValue = DefaultProfile.NAME,
      description = "take pods whose spec.schedulerName is this (default: ${DEFAULT-VALUE})")
  String schedulerName;

  @Option(names = "--config", description = "KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) YAML file "
      + "with the profiles to run; --scheduler-name is then ignored")
  Path config;

  @Option(names = "--binding-threads", defaultValue = "4", description = "bindings in flight at once")
  int bindingThreads;

  @CommandLine.Mixin
  LeaderElectionFlags leaderElection = new LeaderElectionFlags();

  /** The profiles of a KubeSchedulerConfiguration file, over the default plugins. */
  static Scheduler fromConfigFile(SchedulerConfig cfg, Path file) throws java.io.IOException {
    var parsed = windlass.scheduler.config.SchedulerConfigFile.load(file);
    Integer pct = parsed.percentageOfNodesToScore();
    return Scheduler.withProfiles(cfg, services -> {
      var builder = DefaultProfile.builder(cfg.client(), services);
      return parsed.profiles().stream().map(builder::build).toList();
    }, pct == null ? 0 : pct);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String address = server;
    if (address == null || address.isEmpty()) {
      Path file = Kubeconfig.locate(kubeconfig);
      address = Kubeconfig.load(file, null).server();
    }
    try (WindlassClient client = WindlassClient.connect(address)) {
      SchedulerConfig cfg = SchedulerConfig.defaults(client);
      cfg = new SchedulerConfig(client, cfg.clock(), schedulerName, bindingThreads, cfg.random());
      Scheduler scheduler = config == null ? new Scheduler(cfg) : fromConfigFile(cfg, config);
      Service elected = leaderElection.wrap(client, "kube-scheduler", scheduler, cfg.clock(),
          () -> Runtime.getRuntime().halt(1));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        elected.stopAsync();
        try {
          elected.awaitTerminated(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          System.err.println("scheduler did not stop within 20s");
        }
        stopped.countDown();
      }));
      elected.startAsync().awaitRunning();
      System.err.println("windlass-scheduler " + String.join(", ", scheduler.profileNames()) + " running against "
          + address);
      stopped.await();
    }
    return 0;
  }
}
