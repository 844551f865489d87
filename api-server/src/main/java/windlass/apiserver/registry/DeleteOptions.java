package windlass.apiserver.registry;

import java.util.List;
import windlass.client.ApiException;

/**
 * How to delete: the grace period (null: the kind's default), the propagation policy for dependents, and
 * preconditions on uid and resourceVersion ("" when not set).
 */
public record DeleteOptions(Long gracePeriodSeconds, Propagation propagation, String preconditionUid,
    String preconditionResourceVersion, boolean dryRun) {

  /** What happens to objects that name the deleted one as owner (metadata.ownerReferences). */
  public enum Propagation {
    /** Delete the owner now, its dependents after (the default). */
    BACKGROUND,
    /** v0 deletes dependents first, synchronously, then the owner. */
    FOREGROUND,
    /** Keep the dependents, removing their reference to the owner. */
    ORPHAN
  }

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, Propagation.BACKGROUND, "", "", false);

  public static DeleteOptions now() {
    return new DeleteOptions(0L, Propagation.BACKGROUND, "", "", false);
  }

  public DeleteOptions withPropagation(Propagation p) {
    return new DeleteOptions(gracePeriodSeconds, p, preconditionUid, preconditionResourceVersion, dryRun);
  }

  /** Parses upstream's propagationPolicy ("" = Background); BadRequest for anything else. */
  public static Propagation propagation(String policy) {
    return switch (policy) {
      case "", "Background" -> Propagation.BACKGROUND;
      case "Foreground" -> Propagation.FOREGROUND;
      case "Orphan" -> Propagation.ORPHAN;
      default -> throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
          + "\": supported values: " + String.join(", ", List.of("\"Foreground\"", "\"Background\"", "\"Orphan\"")));
    };
  }
}
