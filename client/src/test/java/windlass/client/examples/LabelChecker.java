package windlass.client.examples;

import com.google.common.util.concurrent.Service;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.controller.ControllerRunner;
import windlass.client.controller.Reconciler;
import windlass.client.controller.Result;
import windlass.client.events.EventRecorder;
import windlass.client.informer.InformerFactory;
import windlass.client.informer.SharedInformer;
import windlass.client.leaderelection.LeaderElectedService;
import windlass.client.leaderelection.LeaderElectionConfig;
import windlass.client.workqueue.RateLimitingQueue;

/** client/README.md's "write your own controller in 40 lines", compiled and run by LabelCheckerTest. */
public final class LabelChecker {
  private LabelChecker() {}

  /** Warns (an Event) about every pod without an "app" label, while this process holds the lease. */
  public static Service create(WindlassClient client, Clock clock, String identity) {
    InformerFactory informers = new InformerFactory(client, clock, Duration.ofMinutes(10)); // resync period
    SharedInformer<V1.Pod> pods = informers.informer(Kinds.POD);
    pods.addIndex("byNode", pod -> List.of(pod.getSpec().getNodeName())); // pods.indexer().byIndex("byNode", "n1")
    EventRecorder events = new EventRecorder(client, "label-checker", "", clock);

    Reconciler checkLabels = key -> { // reads the cache, never the server; idempotent
      Optional<V1.Pod> pod = pods.lister().get(key);
      if (pod.isPresent() && !pod.get().getMetadata().containsLabels("app")) {
        events.warning(pod.get(), "MissingLabel", "pod " + key + " has no app label");
      }
      return Result.done(); // or Result.requeueAfter(...); throwing retries with backoff
    };

    // dedupe, one worker per key, per-key backoff 5 ms..1000 s and an overall 10 qps / 100 burst bucket
    RateLimitingQueue<windlass.client.ObjectKey> queue = RateLimitingQueue.create(clock);
    ControllerRunner runner = new ControllerRunner("label-checker", checkLabels, queue, 2, List.of(pods));
    pods.addEventHandler(runner.enqueueObject()); // handlers only enqueue keys
    informers.start();

    LeaderElectionConfig election = LeaderElectionConfig.defaults("kube-system", "label-checker", identity)
        .withReleaseOnCancel(true);
    return new LeaderElectedService(client, election, runner, clock, () -> System.exit(1));
  }
}
