package windlass.controllers.deployment;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.ObjectKey;
import windlass.client.LabelSelector;
import windlass.client.WindlassClient;
import windlass.client.controller.ControllerRunner;
import windlass.client.controller.Reconciler;
import windlass.client.controller.Result;
import windlass.client.events.EventRecorder;
import windlass.client.informer.SharedInformer;
import windlass.controllers.ownership.ControllerRef;

/**
 * Runs each Deployment through ReplicaSets, as upstream's DeploymentController: one ReplicaSet per pod template,
 * named {@code <deployment>-<pod-template-hash>}, labelled and selected by that hash, owned by the deployment. The
 * ReplicaSet whose template matches the deployment's is scaled to spec.replicas; v0 scales every other one to 0 at
 * once (Recreate-like — RollingUpdate's surge/unavailable stepping comes later). Records ScalingReplicaSet events
 * ("Scaled up replica set web-7d4b9c from 0 to 3"), keeps the revision annotations, deletes old empty ReplicaSets
 * beyond revisionHistoryLimit, and writes status.
 */
public final class DeploymentController implements Reconciler {
  public static final String NAME = "deployment-controller";
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  private final WindlassClient client;
  private final SharedInformer<V1Apps.Deployment> deployments;
  private final SharedInformer<V1Apps.ReplicaSet> replicaSets;
  private final EventRecorder recorder;
  private final Clock clock;
  private final ReplicaSetScaler scaler;

  public DeploymentController(WindlassClient client, SharedInformer<V1Apps.Deployment> deployments,
      SharedInformer<V1Apps.ReplicaSet> replicaSets, EventRecorder recorder, Clock clock) {
    this.client = client;
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.recorder = recorder;
    this.clock = clock;
    this.scaler = new ReplicaSetScaler(client, recorder);
  }

  /** Deployment events enqueue the deployment; ReplicaSet events enqueue their controlling deployment. */
  public void register(ControllerRunner runner) {
    deployments.addEventHandler(runner.enqueueObject());
    replicaSets.addEventHandler(runner.<V1Apps.ReplicaSet>enqueueMapped(rs ->
        ControllerRef.of(rs.getMetadata(), Kinds.DEPLOYMENT)
            .map(r -> new ObjectKey(rs.getMetadata().getNamespace(), r.getName()))));
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<V1Apps.Deployment> found = deployments.lister().get(key);
    if (found.isEmpty() || found.get().getMetadata().hasDeletionTimestamp()) {
      return Result.done(); // the garbage collector removes what it owned
    }
    V1Apps.Deployment d = found.get();
    LabelSelector selector;
    try {
      selector = LabelSelector.ofOptional(d.getSpec().hasSelector(), d.getSpec().getSelector());
    } catch (IllegalArgumentException e) {
      recorder.warning(d, "SelectorParsingFailed", e.getMessage());
      return Result.done();
    }
    if (selector.isEmpty()) {
      recorder.warning(d, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      return Result.done();
    }
    List<V1Apps.ReplicaSet> owned = new ArrayList<>();
    for (V1Apps.ReplicaSet rs : replicaSets.lister().list(key.namespace())) {
      if (ControllerRef.isControlledBy(rs.getMetadata(), d.getMetadata().getUid())) {
        owned.add(rs);
      }
    }
    owned.sort(Comparator.comparingLong((V1Apps.ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp()
        .getSeconds()).thenComparing(rs -> rs.getMetadata().getName()));
    V1Apps.ReplicaSet newRs = owned.stream()
        .filter(rs -> sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate())).findFirst().orElse(null);
    List<V1Apps.ReplicaSet> old = new ArrayList<>(owned);
    old.remove(newRs);
    String created = null;
    int replicas = Fenceposts.replicas(d);
    if (!d.getSpec().getPaused()) {
      long newRevision = maxRevision(old) + 1;
      if (newRs == null) {
        newRs = createReplicaSet(d, newRevision);
        if (newRs == null) {
          throw new IllegalStateException("pod-template-hash collision for deployment " + key
              + "; collisionCount bumped, retrying");
        }
        created = newRs.getMetadata().getName();
        owned.add(newRs);
      } else {
        newRs = scaler.scale(d, newRs, replicas, newRevision);
        replace(owned, newRs);
      }
      for (V1Apps.ReplicaSet o : old) {
        if (o.getSpec().getReplicas() != 0) {
          replace(owned, scaler.scale(d, o, 0, -1));
        }
      }
      cleanup(d, old);
      syncRevisionAnnotation(d, newRs);
    }
    V1Apps.DeploymentStatus status = DeploymentStatuses.calculate(d, owned, newRs, created, clock.now());
    if (!DeploymentStatuses.same(d.getStatus(), status)) {
      updateStatus(d, status);
    }
    return Result.done();
  }

  /** Creates the new ReplicaSet; null after a hash collision (collisionCount was bumped). */
  private V1Apps.ReplicaSet createReplicaSet(V1Apps.Deployment d, long revision) {
    Integer collisions = d.getStatus().hasCollisionCount() ? d.getStatus().getCollisionCount() : null;
    String hash = PodTemplateHash.of(d.getSpec().getTemplate(), collisions);
    V1.PodTemplateSpec template = d.getSpec().getTemplate().toBuilder()
        .setMetadata(d.getSpec().getTemplate().getMetadata().toBuilder().putLabels(PodTemplateHash.LABEL, hash))
        .build();
    Meta.LabelSelector selector = d.getSpec().getSelector().toBuilder().putMatchLabels(PodTemplateHash.LABEL, hash)
        .build();
    int replicas = Fenceposts.replicas(d);
    V1Apps.ReplicaSet rs = V1Apps.ReplicaSet.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder()
            .setName(d.getMetadata().getName() + "-" + hash)
            .setNamespace(d.getMetadata().getNamespace())
            .putAllLabels(template.getMetadata().getLabelsMap())
            .putAnnotations(REVISION, Long.toString(revision))
            .putAnnotations(DESIRED_REPLICAS, Integer.toString(replicas))
            .putAnnotations(MAX_REPLICAS, Integer.toString(replicas + Fenceposts.maxSurge(d)))
            .addOwnerReferences(ControllerRef.to(d, Kinds.DEPLOYMENT)))
        .setSpec(V1Apps.ReplicaSetSpec.newBuilder()
            .setReplicas(replicas)
            .setMinReadySeconds(d.getSpec().getMinReadySeconds())
            .setSelector(selector)
            .setTemplate(template))
        .build();
    try {
      V1Apps.ReplicaSet made = client.replicaSets(d.getMetadata().getNamespace()).create(rs);
      if (replicas > 0) {
        recorder.normal(d, "ScalingReplicaSet", "Scaled up replica set " + made.getMetadata().getName()
            + " from 0 to " + replicas);
      }
      return made;
    } catch (ApiException e) {
      if (e.code() != Code.ALREADY_EXISTS) {
        recorder.warning(d, "FailedCreate", "Failed to create new replica set \"" + rs.getMetadata().getName()
            + "\": " + e.getMessage());
        throw e;
      }
    }
    // The name is taken: ours from a cache that lags, or another template with the same hash.
    V1Apps.ReplicaSet existing = client.replicaSets(d.getMetadata().getNamespace()).get(rs.getMetadata().getName());
    if (ControllerRef.isControlledBy(existing.getMetadata(), d.getMetadata().getUid())
        && sameTemplate(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
      return existing;
    }
    int next = (collisions == null ? 0 : collisions) + 1;
    client.deployments(d.getMetadata().getNamespace()).updateStatus(d.toBuilder()
        .setStatus(d.getStatus().toBuilder().setCollisionCount(next)).build());
    return null;
  }

  /** Deletes the oldest empty old ReplicaSets beyond spec.revisionHistoryLimit (default 10). */
  private void cleanup(V1Apps.Deployment d, List<V1Apps.ReplicaSet> old) {
    int limit = d.getSpec().hasRevisionHistoryLimit() ? d.getSpec().getRevisionHistoryLimit() : 10;
    int excess = old.size() - limit;
    for (int i = 0; i < old.size() && excess > 0; i++) {
      V1Apps.ReplicaSet rs = old.get(i);
      if (rs.getStatus().getReplicas() != 0 || rs.getSpec().getReplicas() != 0
          || rs.getMetadata().getGeneration() > rs.getStatus().getObservedGeneration()) {
        continue;
      }
      try {
        client.replicaSets(rs.getMetadata().getNamespace()).delete(rs.getMetadata().getName());
      } catch (ApiException e) {
        if (e.code() != Code.NOT_FOUND) {
          throw e;
        }
      }
      excess--;
    }
  }

  /** The deployment carries its newest ReplicaSet's revision annotation, as upstream. */
  private void syncRevisionAnnotation(V1Apps.Deployment d, V1Apps.ReplicaSet newRs) {
    String rev = newRs.getMetadata().getAnnotationsMap().get(REVISION);
    if (rev == null || rev.equals(d.getMetadata().getAnnotationsMap().get(REVISION))) {
      return;
    }
    client.deployments(d.getMetadata().getNamespace()).update(d.toBuilder()
        .setMetadata(d.getMetadata().toBuilder().putAnnotations(REVISION, rev)).build());
  }

  private void updateStatus(V1Apps.Deployment d, V1Apps.DeploymentStatus status) {
    try {
      V1Apps.Deployment latest = client.deployments(d.getMetadata().getNamespace()).get(d.getMetadata().getName());
      client.deployments(d.getMetadata().getNamespace()).updateStatus(latest.toBuilder().setStatus(status).build());
    } catch (ApiException e) {
      if (e.code() != Code.NOT_FOUND) {
        throw e;
      }
    }
  }

  /** Templates equal once the pod-template-hash label is taken out of both (upstream's EqualIgnoreHash). */
  static boolean sameTemplate(V1.PodTemplateSpec a, V1.PodTemplateSpec b) {
    return withoutHash(a).equals(withoutHash(b));
  }

  private static V1.PodTemplateSpec withoutHash(V1.PodTemplateSpec t) {
    if (!t.getMetadata().containsLabels(PodTemplateHash.LABEL)) {
      return t;
    }
    return t.toBuilder().setMetadata(t.getMetadata().toBuilder().removeLabels(PodTemplateHash.LABEL)).build();
  }

  static long maxRevision(List<V1Apps.ReplicaSet> rss) {
    long max = 0;
    for (V1Apps.ReplicaSet rs : rss) {
      try {
        max = Math.max(max, Long.parseLong(rs.getMetadata().getAnnotationsOrDefault(REVISION, "0")));
      } catch (NumberFormatException e) {
        // upstream ignores unparseable revisions too
      }
    }
    return max;
  }

  private static void replace(List<V1Apps.ReplicaSet> list, V1Apps.ReplicaSet rs) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).getMetadata().getUid().equals(rs.getMetadata().getUid())) {
        list.set(i, rs);
        return;
      }
    }
  }
}
