package windlass.kubelet.images;

import java.util.Optional;
import windlass.cri.v1.Image;
import windlass.cri.v1.PodSandboxConfig;
import windlass.crishim.CriException;
import windlass.crishim.CriRuntime;

/**
 * Makes a container's image present per its pull policy: ImageStatus first (a PullImage always contacts the registry,
 * even for a local image), then PullImage only for Always or an absent IfNotPresent image.
 */
public final class ImageManager {
  public static final String ERR_IMAGE_PULL = "ErrImagePull";
  public static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";
  public static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
  public static final String INVALID_IMAGE_NAME = "InvalidImageName";

  private final CriRuntime cri;

  public ImageManager(CriRuntime cri) {
    this.cri = cri;
  }

  /** Returns the image reference to run (the runtime's image id when known, else the spec's reference). */
  public String ensure(String image, PullPolicy policy, PodSandboxConfig sandbox) throws ImageException {
    if (image.isBlank()) {
      throw new ImageException(INVALID_IMAGE_NAME, "container image is empty", null);
    }
    Optional<Image> present;
    try {
      present = cri.imageStatus(image);
    } catch (CriException e) {
      throw new ImageException(ERR_IMAGE_PULL, "image status of \"" + image + "\": " + e.runtimeMessage(), e);
    }
    if (!policy.shouldPull(present.isPresent())) {
      if (present.isPresent()) {
        return present.get().getId();
      }
      throw new ImageException(ERR_IMAGE_NEVER_PULL, "Container image \"" + image
          + "\" is not present with pull policy of Never", null);
    }
    try {
      String ref = cri.pullImage(image, sandbox);
      return ref.isEmpty() ? image : ref;
    } catch (CriException e) {
      throw new ImageException(ERR_IMAGE_PULL, "Failed to pull image \"" + image + "\": " + e.runtimeMessage(), e);
    }
  }
}
