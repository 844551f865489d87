package windlass.kubelet.images;

import io.kubernetes.client.proto.V1;

/** A container's imagePullPolicy; when unset, upstream's default: Always for ":latest" or no tag, else IfNotPresent. */
public enum PullPolicy {
  ALWAYS("Always"), IF_NOT_PRESENT("IfNotPresent"), NEVER("Never");

  private final String apiName;

  PullPolicy(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static PullPolicy of(V1.Container c) {
    return switch (c.getImagePullPolicy()) {
      case "Always" -> ALWAYS;
      case "Never" -> NEVER;
      case "IfNotPresent" -> IF_NOT_PRESENT;
      default -> defaultFor(c.getImage());
    };
  }

  /** Always when the reference has no tag or the tag is "latest" (a digest counts as pinned). */
  public static PullPolicy defaultFor(String image) {
    if (image.contains("@")) {
      return IF_NOT_PRESENT;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      return ALWAYS; // no tag (a colon before the last slash is a registry port)
    }
    return image.substring(colon + 1).equals("latest") ? ALWAYS : IF_NOT_PRESENT;
  }

  /** Whether to pull, given whether the image is already present. Never + absent is an error, not a pull. */
  public boolean shouldPull(boolean present) {
    return switch (this) {
      case ALWAYS -> true;
      case IF_NOT_PRESENT -> !present;
      case NEVER -> false;
    };
  }
}
