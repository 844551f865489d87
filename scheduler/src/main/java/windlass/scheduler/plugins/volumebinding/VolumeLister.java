package windlass.scheduler.plugins.volumebinding;

import io.kubernetes.client.proto.V1;
import java.util.Optional;

/** Where VolumeBinding looks up claims and volumes (informer listers in the scheduler, fakes in tests). */
public interface VolumeLister {
  /** Nothing: the apiserver serves no PersistentVolumeClaims or PersistentVolumes. */
  VolumeLister NONE = new VolumeLister() {
    @Override
    public Optional<V1.PersistentVolumeClaim> claim(String namespace, String name) {
      return Optional.empty();
    }

    @Override
    public Optional<V1.PersistentVolume> volume(String name) {
      return Optional.empty();
    }
  };

  Optional<V1.PersistentVolumeClaim> claim(String namespace, String name);

  Optional<V1.PersistentVolume> volume(String name);
}
