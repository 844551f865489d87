package windlass.scheduler.testing;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import windlass.client.Quantities;

/** Builds test nodes: {@code MakeNode.named("node1").allocatable("cpu", "2", "memory", "4Gi", "pods", "110")}. */
public final class MakeNode {
  private final V1.Node.Builder node = V1.Node.newBuilder();
  private boolean ready = true;

  private MakeNode(String name) {
    node.setMetadata(Meta.ObjectMeta.newBuilder().setName(name));
  }

  public static MakeNode named(String name) {
    return new MakeNode(name);
  }

  /** Sets allocatable; "pods" defaults to 110 when not given. */
  public MakeNode allocatable(String... resources) {
    for (int i = 0; i + 1 < resources.length; i += 2) {
      node.getStatusBuilder().putAllocatable(resources[i], Quantities.of(resources[i + 1]));
    }
    return this;
  }

  public MakeNode taint(String key, String value, String effect) {
    node.getSpecBuilder().addTaints(V1.Taint.newBuilder().setKey(key).setValue(value).setEffect(effect));
    return this;
  }

  public MakeNode label(String key, String value) {
    node.getMetadataBuilder().putLabels(key, value);
    return this;
  }

  /** Adds an image the node holds (node.status.images) under {@code names}, {@code size} bytes. */
  public MakeNode image(long size, String... names) {
    node.getStatusBuilder().addImages(V1.ContainerImage.newBuilder().setSizeBytes(size)
        .addAllNames(java.util.List.of(names)));
    return this;
  }

  public MakeNode unschedulable() {
    node.getSpecBuilder().setUnschedulable(true);
    return this;
  }

  public MakeNode notReady() {
    ready = false;
    return this;
  }

  public V1.Node build() {
    if (!node.getStatus().containsAllocatable("pods")) {
      node.getStatusBuilder().putAllocatable("pods", Quantities.of("110"));
    }
    node.getStatusBuilder().addConditions(V1.NodeCondition.newBuilder().setType("Ready")
        .setStatus(ready ? "True" : "False"));
    return node.build();
  }
}
