package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * Namespaces as upstream: DNS-1123 label names, the {@code kubernetes.io/metadata.name} label, phase Active and the
 * {@code kubernetes} finalizer on create; updates keep status and spec.finalizers (only deletion changes them).
 */
public final class NamespaceStrategy extends BaseStrategy<V1.Namespace> {
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public NamespaceStrategy() {
    super(Kinds.NAMESPACE, V1.Namespace.class, NameFormats::dns1123Label);
  }

  @Override
  protected V1.Namespace applyDefaults(V1.Namespace ns) {
    String name = ns.getMetadata().getName();
    if (name.isEmpty() || name.equals(ns.getMetadata().getLabelsOrDefault(NAME_LABEL, null))) {
      return ns;
    }
    V1.Namespace.Builder b = ns.toBuilder();
    b.getMetadataBuilder().putLabels(NAME_LABEL, name);
    return b.build();
  }

  @Override
  protected V1.Namespace resetForCreate(V1.Namespace ns) {
    V1.Namespace.Builder b = ns.toBuilder().setStatus(V1.NamespaceStatus.newBuilder().setPhase("Active"));
    b.getSpecBuilder().clearFinalizers().addFinalizers("kubernetes");
    return b.build();
  }

  @Override
  public Message prepareForUpdate(Message obj, Message old) {
    V1.Namespace ns = cast(super.prepareForUpdate(obj, old));
    return ns.toBuilder().setSpec(cast(old).getSpec()).build();
  }

  /** spec.finalizers ("kubernetes": the namespace's content) hold it as much as metadata.finalizers do. */
  @Override
  public boolean heldByFinalizers(Message obj) {
    return super.heldByFinalizers(obj) || cast(obj).getSpec().getFinalizersCount() > 0;
  }

  @Override
  public Map<String, String> selectableFields(Message obj) {
    return Map.of("status.phase", cast(obj).getStatus().getPhase());
  }
}
