package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import windlass.client.ObjectMetas;

/**
 * The garbage collector's finalizers a delete sets, as upstream's generic store: Orphan adds {@code orphan},
 * Foreground adds {@code foregroundDeletion} (each dropping the other), an explicit Background drops both, and no
 * policy keeps what the object has (every served kind defaults to Background).
 */
final class GcFinalizers {
  private GcFinalizers() {}

  static Message forPropagation(Message obj, DeleteOptions.Propagation p) {
    if (p == DeleteOptions.Propagation.KIND_DEFAULT) {
      return obj;
    }
    ObjectMeta m = ObjectMetas.of(obj);
    List<String> f = new ArrayList<>(m.getFinalizersList());
    f.remove(DeleteOptions.ORPHAN_FINALIZER);
    f.remove(DeleteOptions.FOREGROUND_FINALIZER);
    if (p == DeleteOptions.Propagation.ORPHAN) {
      f.add(DeleteOptions.ORPHAN_FINALIZER);
    } else if (p == DeleteOptions.Propagation.FOREGROUND) {
      f.add(DeleteOptions.FOREGROUND_FINALIZER);
    }
    if (f.equals(m.getFinalizersList())) {
      return obj;
    }
    return ObjectMetas.with(obj, m.toBuilder().clearFinalizers().addAllFinalizers(f).build());
  }
}
