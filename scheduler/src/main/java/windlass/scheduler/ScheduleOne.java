package windlass.scheduler;

import io.kubernetes.client.proto.V1;
import java.util.Optional;
import java.util.concurrent.Executor;
import windlass.client.events.EventRecorder;
import windlass.client.informer.Lister;
import windlass.scheduler.cache.SchedulerCache;
import windlass.scheduler.cache.Snapshot;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.FitError;
import windlass.scheduler.framework.Framework;
import windlass.scheduler.framework.PodRequests;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.Status;
import windlass.scheduler.queue.QueuedPodInfo;
import windlass.scheduler.queue.SchedulingQueue;

/**
 * One pod's trip through the scheduler, as upstream's scheduleOne: the scheduling cycle (pick a node, assume the pod
 * there, Reserve, Permit) on the scheduler's thread, then the binding cycle (Bind) on the binding executor. The pod
 * stays "in flight" in the queue until bound. Failures go to {@link FailureHandler}.
 */
final class ScheduleOne {
  private static final System.Logger LOG = System.getLogger(ScheduleOne.class.getName());

  private final Framework framework;
  private final SchedulingAlgorithm algorithm;
  private final SchedulerCache cache;
  private final SchedulingQueue queue;
  private final Lister<V1.Pod> pods;
  private final EventRecorder recorder;
  private final FailureHandler failures;
  private final Executor binding;

  ScheduleOne(Framework framework, SchedulingAlgorithm algorithm, SchedulerCache cache, SchedulingQueue queue,
      Lister<V1.Pod> pods, EventRecorder recorder, FailureHandler failures, Executor binding) {
    this.framework = framework;
    this.algorithm = algorithm;
    this.cache = cache;
    this.queue = queue;
    this.pods = pods;
    this.recorder = recorder;
    this.failures = failures;
    this.binding = binding;
  }

  void run(SchedulingQueue.Popped popped) {
    QueuedPodInfo info = popped.info();
    Optional<V1.Pod> current = pods.get(info.pod().getMetadata().getNamespace(), info.pod().getMetadata().getName());
    if (current.isEmpty() || skip(current.get(), info.pod())) {
      queue.done(info.pod());
      return;
    }
    V1.Pod pod = current.get();
    CycleState state = new CycleState();
    SchedulingAlgorithm.Result result;
    Snapshot snapshot = cache.snapshot();
    try {
      result = algorithm.schedule(state, pod, snapshot);
    } catch (SchedulingAlgorithm.NoNodesAvailable e) {
      failures.unschedulable(info, popped.cycle(), e.getMessage(), FailureHandler.CLEAR_NOMINATION);
      return;
    } catch (FitError e) {
      postFilter(info, popped.cycle(), state, pod, snapshot, e);
      return;
    } catch (SchedulingAlgorithm.PluginError | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "error scheduling " + key(pod) + ": " + e.getMessage(), e);
      failures.error(info, e.getMessage());
      return;
    }
    String node = result.nodeName();
    V1.Pod assumed = pod.toBuilder().setSpec(pod.getSpec().toBuilder().setNodeName(node)).build();
    PodRequests.sameAs(assumed, pod);
    try {
      cache.assumePod(assumed);
    } catch (IllegalStateException e) {
      failures.error(info, e.getMessage());
      return;
    }
    // As upstream's assume: a pod placed on a node no longer holds room elsewhere (its status.nominatedNodeName is
    // left as it is, as 1.32's binding leaves it).
    queue.nominator().delete(assumed);
    Status reserved = framework.runReserve(state, assumed, node);
    if (!reserved.isSuccess()) {
      undo(state, assumed, node);
      fail(info, popped.cycle(), reserved);
      return;
    }
    Status permitted = framework.runPermit(state, assumed, node);
    if (!permitted.isSuccess()) {
      undo(state, assumed, node);
      fail(info, popped.cycle(), permitted);
      return;
    }
    binding.execute(() -> bind(state, info, assumed, node));
  }

  /** The binding cycle. */
  private void bind(CycleState state, QueuedPodInfo info, V1.Pod assumed, String node) {
    Status bound = framework.runBind(state, assumed, node);
    if (bound.isSuccess()) {
      cache.finishBinding(assumed);
      queue.done(assumed);
      recorder.normal(assumed, "Scheduled", "Successfully assigned " + key(assumed) + " to " + node);
      return;
    }
    undo(state, assumed, node);
    // The room the assumed pod held is free again: other pods may fit now.
    queue.moveAllToActiveOrBackoffQueue("AssignedPodDelete");
    failures.error(info, "binding rejected: " + bound.message());
  }

  private void undo(CycleState state, V1.Pod assumed, String node) {
    framework.runUnreserve(state, assumed, node);
    cache.forgetPod(assumed);
  }

  private void fail(QueuedPodInfo info, long cycle, Status s) {
    if (s.isRejected()) {
      failures.unschedulable(info, cycle, s.message(), FailureHandler.CLEAR_NOMINATION);
    } else {
      failures.error(info, s.message());
    }
  }

  /**
   * No node fits: PostFilter (preemption) may make room and nominate a node. Either way the pod waits as
   * unschedulable, with the PostFilter's message in its FitError, as upstream; an error in PostFilter is a
   * scheduling error.
   */
  private void postFilter(QueuedPodInfo info, long cycle, CycleState state, V1.Pod pod, Snapshot snapshot,
      FitError e) {
    if (!framework.hasPostFilterPlugins()) {
      failures.unschedulable(info, cycle, e.getMessage());
      return;
    }
    Optional<PostFilterPlugin.Result> r =
        framework.runPostFilter(state, pod, e.diagnosis().nodeToStatus(), snapshot.nodes());
    if (r.isEmpty()) {
      failures.unschedulable(info, cycle, e.getMessage());
      return;
    }
    Status s = r.get().status();
    if (s.code() == windlass.scheduler.framework.Code.ERROR) {
      failures.error(info, "running PostFilter plugin \"" + s.plugin() + "\": " + s.message(),
          r.get().nominatedNodeName());
      return;
    }
    failures.unschedulable(info, cycle, e.withPostFilterMsg(s.message()).getMessage(), r.get().nominatedNodeName());
  }

  /** A pod that is gone, bound, being deleted, replaced by a namesake, or already assumed is not scheduled. */
  private boolean skip(V1.Pod current, V1.Pod queued) {
    return !current.getSpec().getNodeName().isEmpty()
        || current.getMetadata().hasDeletionTimestamp()
        || !current.getMetadata().getUid().equals(queued.getMetadata().getUid())
        || cache.isAssumed(current);
  }

  static String key(V1.Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
