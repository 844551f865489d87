package windlass.kubectl;

import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import windlass.client.ApiException;

/**
 * Server errors worded as upstream kubectl's {@code cmdutil.CheckErr} words them: {@code Error from server (NotFound):
 * pods "x" not found}; Invalid as {@code The Deployment "x" is invalid: spec.replicas: ...} (one cause) or a bulleted
 * list (several).
 */
public final class ErrorMessages {
  private ErrorMessages() {}

  public static List<String> of(ApiException e) {
    return of(e, null, null);
  }

  /**
   * As {@link #of(ApiException)}, for an object read from a file: upstream adds "error when creating "x.yaml": " to
   * the server's message (but not to Invalid errors, which name the object).
   */
  public static List<String> of(ApiException e, String verb, String source) {
    Meta.Status s = e.status();
    if (s.getReason().equals("Invalid")) {
      return invalid(s);
    }
    String message = s.getMessage();
    if (source != null && !source.isEmpty()) {
      message = "error when " + verb + " \"" + source + "\": " + message;
    }
    if (s.getReason().equals("Unauthorized")) {
      return List.of("error: You must be logged in to the server (" + message + ")");
    }
    if (!s.getReason().isEmpty()) {
      return List.of("Error from server (" + s.getReason() + "): " + message);
    }
    return List.of("Error from server: " + message);
  }

  private static List<String> invalid(Meta.Status s) {
    if (!s.hasDetails()) {
      return List.of("The request is invalid");
    }
    Meta.StatusDetails d = s.getDetails();
    String prefix = !d.getKind().isEmpty() || !d.getName().isEmpty()
        ? "The " + d.getKind() + " \"" + d.getName() + "\" is invalid"
        : "The request is invalid";
    List<Meta.StatusCause> causes = d.getCausesList();
    if (causes.isEmpty()) {
      return List.of(prefix);
    }
    if (causes.size() == 1) {
      return List.of(prefix + ": " + cause(causes.get(0)));
    }
    List<String> lines = new ArrayList<>();
    lines.add(prefix + ": ");
    for (Meta.StatusCause c : causes) {
      lines.add("* " + cause(c));
    }
    return lines;
  }

  private static String cause(Meta.StatusCause c) {
    return c.getField() + ": " + c.getMessage();
  }
}
