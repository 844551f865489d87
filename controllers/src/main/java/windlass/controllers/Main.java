package windlass.controllers;

import com.google.common.util.concurrent.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import windlass.client.Clock;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;
import windlass.client.leaderelection.LeaderElectionFlags;

/** {@code windlass-controller-manager}: runs the controllers against an apiserver until stopped. */
@Command(name = "windlass-controller-manager", mixinStandardHelpOptions = true,
    description = "Runs the Deployment and ReplicaSet controllers, as kube-controller-manager.")
public final class Main implements Callable<Integer> {
  @Option(names = "--kubeconfig", description = "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
  String kubeconfig;

  @Option(names = "--server", description = "apiserver address (host:port or grpc://host:port); overrides the "
      + "kubeconfig")
  String server;

  @Option(names = "--concurrent-deployment-syncs", defaultValue = "5",
      description = "deployments reconciled at once (default: ${DEFAULT-VALUE})")
  int deploymentWorkers;

  @Option(names = "--concurrent-replicaset-syncs", defaultValue = "5",
      description = "ReplicaSets reconciled at once (default: ${DEFAULT-VALUE})")
  int replicaSetWorkers;

  @Option(names = "--min-resync-period", defaultValue = "10m",
      description = "how often informers re-deliver every object, e.g. 10m, 30s, 0 for never (default: "
          + "${DEFAULT-VALUE})")
  String resync;

  @CommandLine.Mixin
  LeaderElectionFlags leaderElection = new LeaderElectionFlags();

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
      Service cm = leaderElection.wrap(client, "kube-controller-manager",
          new ControllerManager(new ControllerManagerConfig(client, Clock.system(), deploymentWorkers,
              replicaSetWorkers, parseDuration(resync))), Clock.system(), () -> Runtime.getRuntime().halt(1));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        cm.stopAsync();
        try {
          cm.awaitTerminated(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          System.err.println("controller manager did not stop within 30s");
        }
        stopped.countDown();
      }));
      cm.startAsync().awaitRunning();
      System.err.println("windlass-controller-manager running against " + address);
      stopped.await();
    }
    return 0;
  }

  /** "10m", "30s", "1h", "0": as Go's duration flags for the common cases. */
  static Duration parseDuration(String s) {
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    char unit = s.charAt(s.length() - 1);
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (unit) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new CommandLine.ParameterException(new CommandLine(new Main()),
          "invalid duration \"" + s + "\": use a number followed by s, m or h");
    };
  }
}
