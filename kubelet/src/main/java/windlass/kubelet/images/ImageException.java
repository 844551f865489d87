package windlass.kubelet.images;

/** The image could not be made present; {@code reason} is the container's waiting reason (ErrImagePull, ...). */
public final class ImageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public ImageException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
