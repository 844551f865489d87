package windlass.scheduler;

import io.kubernetes.client.proto.V1;
import windlass.client.informer.ResourceEventHandler;
import windlass.scheduler.cache.NodeConditions;
import windlass.scheduler.cache.SchedulerCache;
import windlass.scheduler.queue.SchedulingQueue;

/**
 * Feeds informer events to the cache and the queue, as upstream's eventhandlers.go: bound pods go to the cache,
 * pending pods this scheduler is responsible for go to the queue; node changes and bound-pod deletions may let
 * unschedulable pods fit, so they move them on. Finished pods (Succeeded, Failed) hold no room.
 */
final class EventHandlers {
  private final SchedulerCache cache;
  private final SchedulingQueue queue;
  private final java.util.Set<String> schedulerNames;
  private final boolean isDefault;

  EventHandlers(SchedulerCache cache, SchedulingQueue queue, String schedulerName) {
    this(cache, queue, java.util.Set.of(schedulerName));
  }

  /** Handlers for a scheduler running one profile per name in {@code schedulerNames}. */
  EventHandlers(SchedulerCache cache, SchedulingQueue queue, java.util.Set<String> schedulerNames) {
    this.cache = cache;
    this.queue = queue;
    this.schedulerNames = java.util.Set.copyOf(schedulerNames);
    this.isDefault = schedulerNames.contains(DefaultProfile.NAME);
  }

  ResourceEventHandler<V1.Node> nodes() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1.Node node) {
        cache.addNode(node);
        queue.moveAllToActiveOrBackoffQueue("NodeAdd");
      }

      @Override
      public void onUpdate(V1.Node oldNode, V1.Node newNode) {
        cache.updateNode(newNode);
        if (schedulingRelevantChange(oldNode, newNode)) {
          queue.moveAllToActiveOrBackoffQueue("NodeUpdate");
        }
      }

      @Override
      public void onDelete(V1.Node node) {
        cache.removeNode(node);
      }
    };
  }

  /**
   * For kinds whose changes may let unschedulable pods fit (PersistentVolumeClaims, PersistentVolumes): adds and
   * updates move them on, deletions do not (upstream's VolumeBinding events).
   */
  <T> ResourceEventHandler<T> moves(String addEvent, String updateEvent) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        queue.moveAllToActiveOrBackoffQueue(addEvent);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (oldObj != newObj) {
          queue.moveAllToActiveOrBackoffQueue(updateEvent);
        }
      }

      @Override
      public void onDelete(T obj) {}
    };
  }

  ResourceEventHandler<V1.Pod> pods() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1.Pod pod) {
        if (terminal(pod)) {
          return;
        }
        if (assigned(pod)) {
          cache.addPod(pod);
        } else if (responsibleFor(pod)) {
          queue.add(pod);
        }
      }

      @Override
      public void onUpdate(V1.Pod oldPod, V1.Pod newPod) {
        if (assigned(newPod)) {
          if (!assigned(oldPod)) {
            queue.delete(oldPod); // bound, by us or someone else
          }
          if (terminal(newPod)) {
            cache.removePod(newPod);
            queue.moveAllToActiveOrBackoffQueue("AssignedPodDelete");
          } else {
            cache.updatePod(oldPod, newPod);
          }
        } else if (responsibleFor(newPod) && !terminal(newPod)) {
          if (oldPod != newPod) {
            queue.update(oldPod, newPod);
          }
        } else {
          queue.delete(newPod);
        }
      }

      @Override
      public void onDelete(V1.Pod pod) {
        if (assigned(pod)) {
          cache.removePod(pod);
          queue.moveAllToActiveOrBackoffQueue("AssignedPodDelete");
        } else {
          queue.delete(pod);
        }
      }
    };
  }

  boolean responsibleFor(V1.Pod pod) {
    String name = pod.getSpec().getSchedulerName();
    return schedulerNames.contains(name) || (name.isEmpty() && isDefault);
  }

  private static boolean assigned(V1.Pod pod) {
    return !pod.getSpec().getNodeName().isEmpty();
  }

  private static boolean terminal(V1.Pod pod) {
    String phase = pod.getStatus().getPhase();
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  /** Spec (taints, unschedulable), labels, allocatable or readiness changed; heartbeats are not news. */
  private static boolean schedulingRelevantChange(V1.Node a, V1.Node b) {
    return a != b && (!a.getSpec().equals(b.getSpec())
        || !a.getMetadata().getLabelsMap().equals(b.getMetadata().getLabelsMap())
        || !a.getStatus().getAllocatableMap().equals(b.getStatus().getAllocatableMap())
        || NodeConditions.isReady(a) != NodeConditions.isReady(b));
  }
}
