package windlass.controllers.replicaset;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.ObjectKey;
import windlass.client.WindlassClient;
import windlass.client.controller.ControllerRunner;
import windlass.client.controller.Reconciler;
import windlass.client.controller.Result;
import windlass.client.informer.ResourceEventHandler;
import windlass.client.informer.SharedInformer;
import windlass.controllers.expectations.Expectations;
import windlass.controllers.ownership.ControllerRef;
import windlass.controllers.pods.PodStates;

/**
 * Keeps {@code spec.replicas} active pods of each ReplicaSet, as upstream's ReplicaSetController: creates missing pods
 * from the template (in slow-start batches 1, 2, 4, ...; at most 500 per pass), deletes surplus ones in {@link
 * PodDeletionOrder}, and writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 * observedGeneration). {@link Expectations} keep a lagging pod informer from causing over-creation: after acting, a
 * ReplicaSet is not counted again until the informer has shown the pods created or deleted.
 *
 * <p>Pods belong to a ReplicaSet through their controller reference; v0 neither adopts orphans matching the selector
 * nor releases pods that stop matching.
 */
public final class ReplicaSetController implements Reconciler {
  public static final String NAME = "replicaset-controller";
  static final int BURST_REPLICAS = 500;

  private final WindlassClient client;
  private final SharedInformer<V1Apps.ReplicaSet> replicaSets;
  private final SharedInformer<V1.Pod> pods;
  private final PodControl podControl;
  private final Clock clock;
  private final Expectations expectations;

  public ReplicaSetController(WindlassClient client, SharedInformer<V1Apps.ReplicaSet> replicaSets,
      SharedInformer<V1.Pod> pods, PodControl podControl, Clock clock) {
    this.client = client;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.podControl = podControl;
    this.clock = clock;
    this.expectations = new Expectations(clock);
  }

  public Expectations expectations() {
    return expectations;
  }

  /** Wires the informers' events to {@code runner}'s queue (handlers only enqueue keys and observe expectations). */
  public void register(ControllerRunner runner) {
    replicaSets.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Apps.ReplicaSet rs) {
        runner.enqueue(key(rs));
      }

      @Override
      public void onUpdate(V1Apps.ReplicaSet oldRs, V1Apps.ReplicaSet newRs) {
        runner.enqueue(key(newRs));
      }

      @Override
      public void onDelete(V1Apps.ReplicaSet rs) {
        expectations.delete(key(rs).toString());
        runner.enqueue(key(rs));
      }
    });
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1.Pod pod) {
        if (pod.getMetadata().hasDeletionTimestamp()) {
          onDelete(pod);
          return;
        }
        owner(pod).ifPresent(k -> {
          expectations.creationObserved(k.toString());
          runner.enqueue(k);
        });
      }

      @Override
      public void onUpdate(V1.Pod oldPod, V1.Pod newPod) {
        if (oldPod.getMetadata().getResourceVersion().equals(newPod.getMetadata().getResourceVersion())) {
          return; // resync: nothing changed
        }
        if (newPod.getMetadata().hasDeletionTimestamp()) {
          onDelete(newPod);
          return;
        }
        Optional<ObjectKey> was = owner(oldPod);
        Optional<ObjectKey> is = owner(newPod);
        if (was.isPresent() && !was.equals(is)) {
          runner.enqueue(was.get());
        }
        is.ifPresent(k -> {
          runner.enqueue(k);
          if (PodStates.isReady(newPod) && !PodStates.isReady(oldPod)) {
            minReadySeconds(k).filter(s -> s > 0).ifPresent(s -> runner.enqueueAfter(k, Duration.ofSeconds(s + 1)));
          }
        });
      }

      @Override
      public void onDelete(V1.Pod pod) {
        owner(pod).ifPresent(k -> {
          expectations.deletionObserved(k.toString(), podKey(pod));
          runner.enqueue(k);
        });
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<V1Apps.ReplicaSet> found = replicaSets.lister().get(key);
    if (found.isEmpty()) {
      expectations.delete(key.toString());
      return Result.done();
    }
    V1Apps.ReplicaSet rs = found.get();
    boolean needsSync = expectations.satisfied(key.toString());
    List<V1.Pod> active = new ArrayList<>();
    for (V1.Pod p : pods.lister().list(key.namespace())) {
      if (PodStates.isActive(p) && ControllerRef.isControlledBy(p.getMetadata(), rs.getMetadata().getUid())) {
        active.add(p);
      }
    }
    ApiException failure = null;
    String failureReason = null;
    if (needsSync && !rs.getMetadata().hasDeletionTimestamp()) {
      int diff = active.size() - rs.getSpec().getReplicas();
      try {
        if (diff < 0) {
          failureReason = "FailedCreate";
          create(key, rs, Math.min(-diff, BURST_REPLICAS));
        } else if (diff > 0) {
          failureReason = "FailedDelete";
          delete(key, rs, active, Math.min(diff, BURST_REPLICAS));
        }
      } catch (ApiException e) {
        failure = e;
      }
    }
    Instant now = clock.now();
    V1Apps.ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, active, now,
        failure == null ? null : failureReason, failure == null ? null : failure.getMessage());
    if (!ReplicaSetStatuses.same(rs.getStatus(), status)) {
      updateStatus(rs, status);
    }
    if (failure != null) {
      throw failure;
    }
    int minReady = rs.getSpec().getMinReadySeconds();
    if (minReady > 0 && status.getReadyReplicas() == rs.getSpec().getReplicas()
        && status.getAvailableReplicas() != rs.getSpec().getReplicas()) {
      return Result.requeueAfter(Duration.ofSeconds(minReady));
    }
    return Result.done();
  }

  /** Creates {@code n} pods in slow-start batches; stops at the first failed batch and lowers expectations. */
  private void create(ObjectKey key, V1Apps.ReplicaSet rs, int n) {
    expectations.expectCreations(key.toString(), n);
    int done = 0;
    int batch = 1;
    try {
      while (done < n) {
        int size = Math.min(batch, n - done);
        for (int i = 0; i < size; i++) {
          podControl.createFromTemplate(key.namespace(), rs.getSpec().getTemplate(), rs, Kinds.REPLICA_SET);
          done++;
        }
        batch *= 2;
      }
    } catch (ApiException e) {
      for (int i = done; i < n; i++) {
        expectations.creationObserved(key.toString()); // will never be observed
      }
      throw e;
    }
  }

  private void delete(ObjectKey key, V1Apps.ReplicaSet rs, List<V1.Pod> active, int n) {
    Map<String, Integer> perNode = new HashMap<>();
    active.forEach(p -> perNode.merge(p.getSpec().getNodeName(), 1, Integer::sum));
    List<V1.Pod> victims = new ArrayList<>(active);
    victims.sort(new PodDeletionOrder(perNode));
    victims = victims.subList(0, n);
    Set<String> keys = new LinkedHashSet<>();
    victims.forEach(p -> keys.add(podKey(p)));
    expectations.expectDeletions(key.toString(), keys);
    ApiException first = null;
    for (V1.Pod p : victims) {
      try {
        podControl.delete(p, rs);
      } catch (ApiException e) {
        expectations.deletionObserved(key.toString(), podKey(p));
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void updateStatus(V1Apps.ReplicaSet rs, V1Apps.ReplicaSetStatus status) {
    try {
      client.replicaSets(rs.getMetadata().getNamespace()).updateStatus(rs.toBuilder().setStatus(status).build());
    } catch (ApiException e) {
      if (e.code() != Code.NOT_FOUND) {
        throw e; // a conflict: the newer ReplicaSet is already queued
      }
    }
  }

  private Optional<ObjectKey> owner(V1.Pod pod) {
    return ControllerRef.of(pod.getMetadata(), Kinds.REPLICA_SET)
        .map(r -> new ObjectKey(pod.getMetadata().getNamespace(), r.getName()))
        .filter(k -> replicaSets.lister().get(k).map(rs -> ControllerRef.of(pod.getMetadata()).get().getUid()
            .equals(rs.getMetadata().getUid())).orElse(false));
  }

  private Optional<Integer> minReadySeconds(ObjectKey k) {
    return replicaSets.lister().get(k).map(rs -> rs.getSpec().getMinReadySeconds());
  }

  static ObjectKey key(V1Apps.ReplicaSet rs) {
    return new ObjectKey(rs.getMetadata().getNamespace(), rs.getMetadata().getName());
  }

  static String podKey(V1.Pod p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }
}
