package windlass.scheduler.framework;

import java.util.List;

/**
 * The outcome of a plugin call: a {@link Code}, the reasons a user sees ("Insufficient cpu"), the plugin that said so
 * and, for {@link Code#ERROR}, the cause. A value, not an exception (conventions §3).
 */
public record Status(Code code, List<String> reasons, String plugin, Throwable error) {
  private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "", null);

  public Status {
    reasons = List.copyOf(reasons);
    plugin = plugin == null ? "" : plugin;
  }

  public static Status success() {
    return SUCCESS;
  }

  public static Status unschedulable(String... reasons) {
    return new Status(Code.UNSCHEDULABLE, List.of(reasons), "", null);
  }

  public static Status unschedulable(List<String> reasons) {
    return new Status(Code.UNSCHEDULABLE, reasons, "", null);
  }

  public static Status unresolvable(String... reasons) {
    return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), "", null);
  }

  public static Status error(Throwable cause) {
    return new Status(Code.ERROR, List.of(String.valueOf(cause.getMessage())), "", cause);
  }

  public static Status error(String message) {
    return new Status(Code.ERROR, List.of(message), "", null);
  }

  public static Status skip() {
    return new Status(Code.SKIP, List.of(), "", null);
  }

  public static Status waiting(String reason) {
    return new Status(Code.WAIT, List.of(reason), "", null);
  }

  public Status withPlugin(String name) {
    return new Status(code, reasons, name, error);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  /** Unschedulable or unschedulable-and-unresolvable: the pod does not fit. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
  }

  public boolean isSkip() {
    return code == Code.SKIP;
  }

  /** The reasons joined with ", ", as upstream's Status.Message(). */
  public String message() {
    return String.join(", ", reasons);
  }
}
