package windlass.controllers.ownership;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import java.util.Optional;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/** An object's controller reference: the one ownerReference with {@code controller: true}. */
public final class ControllerRef {
  private ControllerRef() {}

  /** The controller reference of {@code meta}, if any. */
  public static Optional<Meta.OwnerReference> of(Meta.ObjectMeta meta) {
    return meta.getOwnerReferencesList().stream().filter(Meta.OwnerReference::getController).findFirst();
  }

  /** The controller reference of {@code meta} if it names an owner of {@code kind}. */
  public static Optional<Meta.OwnerReference> of(Meta.ObjectMeta meta, Kind kind) {
    return of(meta).filter(r -> r.getKind().equals(kind.kind()) && r.getApiVersion().equals(kind.apiVersion()));
  }

  /** True when {@code meta}'s controller is the object with uid {@code ownerUid}. */
  public static boolean isControlledBy(Meta.ObjectMeta meta, String ownerUid) {
    return of(meta).map(r -> r.getUid().equals(ownerUid)).orElse(false);
  }

  /**
   * The reference a controller puts on what it creates: apiVersion, kind, name, uid of {@code owner}, with
   * controller and blockOwnerDeletion true.
   */
  public static Meta.OwnerReference to(Message owner, Kind kind) {
    Meta.ObjectMeta m = ObjectMetas.of(owner);
    return Meta.OwnerReference.newBuilder()
        .setApiVersion(kind.apiVersion()).setKind(kind.kind()).setName(m.getName()).setUid(m.getUid())
        .setController(true).setBlockOwnerDeletion(true)
        .build();
  }
}
