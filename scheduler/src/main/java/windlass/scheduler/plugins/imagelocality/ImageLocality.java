package windlass.scheduler.plugins.imagelocality;

import io.kubernetes.client.proto.V1;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import windlass.scheduler.framework.AllNodes;
import windlass.scheduler.framework.CycleState;
import windlass.scheduler.framework.NodeInfo;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.ScorePlugin;
import windlass.scheduler.framework.Status;

/**
 * Prefers nodes that already hold the pod's images (node.status.images), as upstream: each image present on the
 * node adds its size scaled by its spread (the share of all nodes holding it, so one node with a rare image does not
 * attract every pod); the sum is clamped between 23 MiB and 1000 MiB per container and mapped onto 0..100. Image
 * names without a tag are compared as {@code :latest}.
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {
  public static final String NAME = "ImageLocality";
  static final long MB = 1024L * 1024;
  static final long MIN_THRESHOLD = 23 * MB;
  static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

  /** How many nodes of the snapshot hold each of the pod's images, and how many nodes there are. */
  record Spread(Map<String, Integer> nodesWithImage, int totalNodes) {}

  static final CycleState.Key<Spread> SPREAD = new CycleState.Key<>(NAME + "/spread", Spread.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preScore(CycleState state, V1.Pod pod, List<NodeInfo> feasibleNodes) {
    List<NodeInfo> all = AllNodes.in(state);
    if (all.isEmpty()) {
      all = feasibleNodes;
    }
    Set<String> held = heldBy(pod, feasibleNodes);
    // Only images some feasible node holds can score; counting their holders over all nodes is the costly part.
    state.write(SPREAD, held.isEmpty() ? new Spread(Map.of(), all.size()) : spread(held, all));
    return Status.success();
  }

  /** The pod's images that at least one of {@code nodes} holds. */
  private static Set<String> heldBy(V1.Pod pod, List<NodeInfo> nodes) {
    Set<String> wanted = images(pod);
    Set<String> out = new HashSet<>();
    for (NodeInfo n : nodes) {
      if (!n.hasImages()) {
        continue;
      }
      for (V1.ContainerImage img : n.node().getStatus().getImagesList()) {
        for (String name : img.getNamesList()) {
          if (wanted.contains(name)) {
            out.add(name);
          }
        }
      }
    }
    return out;
  }

  static Spread spread(V1.Pod pod, List<NodeInfo> nodes) {
    return spread(images(pod), nodes);
  }

  private static Spread spread(Set<String> wanted, List<NodeInfo> nodes) {
    Map<String, Integer> counts = new HashMap<>();
    for (NodeInfo n : nodes) {
      if (!n.hasImages()) {
        continue;
      }
      for (V1.ContainerImage img : n.node().getStatus().getImagesList()) {
        for (String name : img.getNamesList()) {
          if (wanted.contains(name)) {
            counts.merge(name, 1, Integer::sum);
          }
        }
      }
    }
    return new Spread(counts, nodes.size());
  }

  @Override
  public long score(CycleState state, V1.Pod pod, NodeInfo node) {
    Spread spread = state.get(SPREAD);
    if (spread == null) {
      spread = spread(pod, List.of(node));
    }
    if (!node.hasImages()) {
      // No image adds to the sum: the score of a sum of 0 (clamped to the minimum).
      return 0;
    }
    long sum = 0;
    for (V1.Container c : pod.getSpec().getInitContainersList()) {
      sum += scaled(normalized(c.getImage()), node, spread);
    }
    for (V1.Container c : pod.getSpec().getContainersList()) {
      sum += scaled(normalized(c.getImage()), node, spread);
    }
    int containers = pod.getSpec().getInitContainersCount() + pod.getSpec().getContainersCount();
    long max = MAX_CONTAINER_THRESHOLD * containers;
    long clamped = Math.max(MIN_THRESHOLD, Math.min(max, sum));
    return MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
  }

  private static long scaled(String image, NodeInfo node, Spread spread) {
    long size = node.imageSize(image);
    if (size < 0) {
      return 0;
    }
    int holders = spread.nodesWithImage().getOrDefault(image, 1);
    return (long) (size * ((double) holders / Math.max(1, spread.totalNodes())));
  }

  private static Set<String> images(V1.Pod pod) {
    Set<String> out = new LinkedHashSet<>();
    pod.getSpec().getInitContainersList().forEach(c -> out.add(normalized(c.getImage())));
    pod.getSpec().getContainersList().forEach(c -> out.add(normalized(c.getImage())));
    return out;
  }

  /** Upstream's normalizedImageName: a name with no tag after its last slash gets ":latest". */
  static String normalized(String image) {
    return image.lastIndexOf(':') <= image.lastIndexOf('/') ? image + ":latest" : image;
  }
}
