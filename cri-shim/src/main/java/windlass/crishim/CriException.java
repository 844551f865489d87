package windlass.crishim;

import io.grpc.Status;

/** A CRI call failed: which call, on what, and the runtime's gRPC status. */
public final class CriException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Status.Code code;

  public CriException(String call, Status status, Throwable cause) {
    super(call + " failed: " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()),
        cause);
    this.code = status.getCode();
  }

  public Status.Code code() {
    return code;
  }

  /** The runtime's own message (e.g. containerd's "failed to reserve sandbox name ..."), without the call. */
  public String runtimeMessage() {
    Throwable c = getCause();
    Status s = Status.fromThrowable(c);
    return s.getDescription() == null ? s.getCode().toString() : s.getDescription();
  }

  public boolean isNotFound() {
    return code == Status.Code.NOT_FOUND;
  }
}
