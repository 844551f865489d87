package windlass.kubectl.printers;

import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;

/**
 * The workload kinds of apps/v1. Deployments: NAME READY UP-TO-DATE AVAILABLE AGE; replica sets: NAME DESIRED CURRENT
 * READY AGE; wide adds CONTAINERS IMAGES SELECTOR to both.
 */
final class AppsTables {
  private AppsTables() {}

  static final Table<V1Apps.Deployment> DEPLOYMENT = new Table<>(V1Apps.Deployment.class,
      Column.nameColumn(),
      Column.of("READY", (d, now) -> d.getStatus().getReadyReplicas() + "/" + d.getSpec().getReplicas()),
      Column.of("UP-TO-DATE", (d, now) -> Integer.toString(d.getStatus().getUpdatedReplicas())),
      Column.of("AVAILABLE", (d, now) -> Integer.toString(d.getStatus().getAvailableReplicas())),
      Column.age(),
      Column.wide("CONTAINERS", (d, now) -> names(d.getSpec().getTemplate().getSpec().getContainersList())),
      Column.wide("IMAGES", (d, now) -> images(d.getSpec().getTemplate().getSpec().getContainersList())),
      Column.wide("SELECTOR", (d, now) -> LabelSelectors.toString(d.getSpec().getSelector())));

  static final Table<V1Apps.ReplicaSet> REPLICA_SET = new Table<>(V1Apps.ReplicaSet.class,
      Column.nameColumn(),
      Column.of("DESIRED", (r, now) -> Integer.toString(r.getSpec().getReplicas())),
      Column.of("CURRENT", (r, now) -> Integer.toString(r.getStatus().getReplicas())),
      Column.of("READY", (r, now) -> Integer.toString(r.getStatus().getReadyReplicas())),
      Column.age(),
      Column.wide("CONTAINERS", (r, now) -> names(r.getSpec().getTemplate().getSpec().getContainersList())),
      Column.wide("IMAGES", (r, now) -> images(r.getSpec().getTemplate().getSpec().getContainersList())),
      Column.wide("SELECTOR", (r, now) -> LabelSelectors.format(r.getSpec().getSelector())));

  /** upstream layoutContainerCells: the template's container names, comma-joined. */
  static String names(List<V1.Container> cs) {
    return String.join(",", cs.stream().map(V1.Container::getName).toList());
  }

  static String images(List<V1.Container> cs) {
    return String.join(",", cs.stream().map(V1.Container::getImage).toList());
  }
}
