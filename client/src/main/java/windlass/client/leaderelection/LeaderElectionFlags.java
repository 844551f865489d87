package windlass.client.leaderelection;

import com.google.common.util.concurrent.Service;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import picocli.CommandLine.Option;
import windlass.client.Clock;
import windlass.client.WindlassClient;
import windlass.client.codec.GoDuration;

/**
 * The leader election flags of kube-scheduler and kube-controller-manager, as a picocli mixin
 * ({@code @Mixin LeaderElectionFlags leaderElection;}), with upstream's names and defaults.
 */
public final class LeaderElectionFlags {
  @Option(names = "--leader-elect", defaultValue = "true", arity = "0..1", fallbackValue = "true",
      description = "Start a leader election client and gain leadership before executing the main loop. Enable this "
          + "when running replicated components for high availability. (default: ${DEFAULT-VALUE})")
  boolean leaderElect = true;

  @Option(names = "--leader-elect-lease-duration", defaultValue = "15s",
      description = "How long non-leader candidates wait after the last observed renewal before taking over "
          + "(default: ${DEFAULT-VALUE})")
  String leaseDuration = "15s";

  @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s",
      description = "How long the leader retries renewing before it stops leading; less than the lease duration "
          + "(default: ${DEFAULT-VALUE})")
  String renewDeadline = "10s";

  @Option(names = "--leader-elect-retry-period", defaultValue = "2s",
      description = "How long clients wait between tries to acquire and renew (default: ${DEFAULT-VALUE})")
  String retryPeriod = "2s";

  @Option(names = "--leader-elect-resource-namespace", defaultValue = "kube-system",
      description = "The namespace of the lease object (default: ${DEFAULT-VALUE})")
  String resourceNamespace = "kube-system";

  @Option(names = "--leader-elect-resource-name",
      description = "The name of the lease object (default: the component's, e.g. kube-scheduler)")
  String resourceName;

  public boolean enabled() {
    return leaderElect;
  }

  /** The election these flags describe, for the component whose lease is {@code defaultName} by default. */
  public LeaderElectionConfig config(String defaultName) {
    String name = resourceName == null || resourceName.isEmpty() ? defaultName : resourceName;
    return new LeaderElectionConfig(resourceNamespace, name, identity(), GoDuration.parse(leaseDuration),
        GoDuration.parse(renewDeadline), GoDuration.parse(retryPeriod), true);
  }

  /**
   * {@code work} as the component runs it: itself when --leader-elect=false, otherwise started only once this process
   * leads; {@code onLost} runs when leadership is lost (components exit there, as upstream's "leaderelection lost").
   */
  public Service wrap(WindlassClient client, String defaultName, Service work, Clock clock, Runnable onLost) {
    if (!leaderElect) {
      return work;
    }
    return new LeaderElectedService(client, config(defaultName), work, clock, onLost);
  }

  /** upstream's identity: host name, "_", a random UUID. */
  static String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }
}
