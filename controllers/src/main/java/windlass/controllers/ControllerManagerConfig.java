package windlass.controllers;

import java.time.Duration;
import windlass.client.Clock;
import windlass.client.WindlassClient;

/**
 * How a {@link ControllerManager} runs.
 *
 * @param client the apiserver
 * @param clock times backoffs, expectations, conditions (a FakeClock in tests)
 * @param deploymentWorkers deployments reconciled at once (upstream --concurrent-deployment-syncs, 5)
 * @param replicaSetWorkers ReplicaSets reconciled at once (upstream --concurrent-replicaset-syncs, 5)
 * @param resyncPeriod how often informers re-deliver every object (zero: never)
 */
public record ControllerManagerConfig(WindlassClient client, Clock clock, int deploymentWorkers,
    int replicaSetWorkers, Duration resyncPeriod) {

  public static ControllerManagerConfig defaults(WindlassClient client) {
    return new ControllerManagerConfig(client, Clock.system(), 5, 5, Duration.ofMinutes(10));
  }

  public ControllerManagerConfig withClock(Clock c) {
    return new ControllerManagerConfig(client, c, deploymentWorkers, replicaSetWorkers, resyncPeriod);
  }
}
