package windlass.controllers;

import com.google.common.util.concurrent.AbstractIdleService;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import windlass.client.Kinds;
import windlass.client.controller.ControllerRunner;
import windlass.client.events.EventRecorder;
import windlass.client.informer.InformerFactory;
import windlass.client.informer.SharedInformer;
import windlass.controllers.deployment.DeploymentController;
import windlass.controllers.garbagecollector.GarbageCollector;
import windlass.controllers.garbagecollector.ServedKinds;
import windlass.controllers.replicaset.PodControl;
import windlass.controllers.replicaset.ReplicaSetController;

/**
 * The controller manager: the Deployment and ReplicaSet controllers and the garbage collector over shared informers
 * (one watch per resource), each run by a {@link ControllerRunner}. A Guava {@code Service}:
 * {@code startAsync().awaitRunning()} returns once the informers synced and the workers run.
 */
public final class ControllerManager extends AbstractIdleService {
  private static final System.Logger LOG = System.getLogger(ControllerManager.class.getName());

  private final InformerFactory informers;
  private final EventRecorder deploymentEvents;
  private final EventRecorder replicaSetEvents;
  private final ReplicaSetController replicaSetController;
  private final DeploymentController deploymentController;
  private final List<ControllerRunner> runners;

  public ControllerManager(ControllerManagerConfig config) {
    this.informers = new InformerFactory(config.client(), config.clock(), config.resyncPeriod());
    SharedInformer<V1.Pod> pods = informers.informer(Kinds.POD);
    SharedInformer<V1Apps.ReplicaSet> replicaSets = informers.informer(Kinds.REPLICA_SET);
    SharedInformer<V1Apps.Deployment> deployments = informers.informer(Kinds.DEPLOYMENT);

    this.replicaSetEvents = new EventRecorder(config.client(), ReplicaSetController.NAME, "", config.clock());
    this.replicaSetController = new ReplicaSetController(config.client(), replicaSets, pods,
        new PodControl(config.client(), replicaSetEvents), config.clock());
    ControllerRunner rsRunner = new ControllerRunner(ReplicaSetController.NAME, replicaSetController,
        config.clock(), config.replicaSetWorkers(), List.of(replicaSets, pods));
    replicaSetController.register(rsRunner);

    this.deploymentEvents = new EventRecorder(config.client(), DeploymentController.NAME, "", config.clock());
    this.deploymentController = new DeploymentController(config.client(), deployments, replicaSets,
        deploymentEvents, config.clock());
    ControllerRunner deployRunner = new ControllerRunner(DeploymentController.NAME, deploymentController,
        config.clock(), config.deploymentWorkers(), List.of(deployments, replicaSets));
    deploymentController.register(deployRunner);

    GarbageCollector gc = new GarbageCollector(config.client(), informers, config.clock(),
        ServedKinds.of(config.client()), 2);
    this.runners = Stream.concat(Stream.of(deployRunner, rsRunner), gc.runners().stream()).toList();
  }

  public ReplicaSetController replicaSetController() {
    return replicaSetController;
  }

  public DeploymentController deploymentController() {
    return deploymentController;
  }

  @Override
  protected void startUp() throws Exception {
    informers.start();
    for (ControllerRunner r : runners) {
      r.startAsync();
    }
    for (ControllerRunner r : runners) {
      r.awaitRunning();
    }
    LOG.log(System.Logger.Level.INFO, "controller manager started: " + runners.stream().map(ControllerRunner::name)
        .toList());
  }

  @Override
  protected void shutDown() throws Exception {
    for (ControllerRunner r : runners) {
      r.stopAsync();
    }
    for (ControllerRunner r : runners) {
      try {
        r.awaitTerminated(30, TimeUnit.SECONDS);
      } catch (IllegalStateException | java.util.concurrent.TimeoutException e) {
        LOG.log(System.Logger.Level.WARNING, r.name() + " did not stop cleanly: " + e.getMessage());
      }
    }
    informers.close();
    deploymentEvents.close();
    replicaSetEvents.close();
  }

  @Override
  protected String serviceName() {
    return "controller-manager";
  }

  /** Waits (in real time) until both controllers' event recorders have written what they were given; for tests. */
  public boolean awaitEventsWritten(Duration timeout) throws InterruptedException {
    return deploymentEvents.awaitIdle(timeout) && replicaSetEvents.awaitIdle(timeout);
  }
}
