package windlass.client.leaderelection;

import java.time.Duration;

/**
 * What client-go's LeaderElectionConfig holds, for one lock: a coordination/v1 Lease {@code namespace/name}.
 *
 * @param namespace the Lease's namespace ("kube-system")
 * @param name the Lease's name ("kube-scheduler")
 * @param identity this candidate's holderIdentity (unique per process: host name plus a random suffix)
 * @param leaseDuration how long non-leaders wait, after they last saw the lease change, before they take it
 * @param renewDeadline how long the leader keeps retrying a failing renewal before it gives up leadership
 * @param retryPeriod how long candidates wait between tries (jittered by 1.2 while acquiring)
 * @param releaseOnCancel whether a leader that is stopped clears holderIdentity so another takes over at once
 */
public record LeaderElectionConfig(
    String namespace,
    String name,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean releaseOnCancel) {

  /** client-go's JitterFactor: acquiring waits retryPeriod plus up to 1.2 times retryPeriod. */
  public static final double JITTER_FACTOR = 1.2;

  /** The component defaults (kube-scheduler, kube-controller-manager): 15 s lease, 10 s renew deadline, 2 s retry. */
  public static LeaderElectionConfig defaults(String namespace, String name, String identity) {
    return new LeaderElectionConfig(namespace, name, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2), false);
  }

  /** Checks the durations as client-go's NewLeaderElector, with its wording. */
  public LeaderElectionConfig {
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
    }
    if (renewDeadline.toNanos() <= (long) (JITTER_FACTOR * retryPeriod.toNanos())) {
      throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod*JitterFactor");
    }
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("leaseDuration must be greater than zero");
    }
    if (renewDeadline.isNegative() || renewDeadline.isZero()) {
      throw new IllegalArgumentException("renewDeadline must be greater than zero");
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be greater than zero");
    }
    if (identity == null || identity.isEmpty()) {
      throw new IllegalArgumentException("Lock identity is empty");
    }
    if (leaseDuration.toSeconds() < 1 || leaseDuration.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("leaseDuration must be whole seconds, got " + leaseDuration);
    }
  }

  public LeaderElectionConfig withReleaseOnCancel(boolean release) {
    return new LeaderElectionConfig(namespace, name, identity, leaseDuration, renewDeadline, retryPeriod, release);
  }
}
