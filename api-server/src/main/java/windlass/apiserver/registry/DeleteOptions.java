package windlass.apiserver.registry;

import java.util.List;
import windlass.client.ApiException;

/**
 * How to delete: the grace period (null: the kind's default), the propagation policy for dependents, and
 * preconditions on uid and resourceVersion ("" when not set).
 */
public record DeleteOptions(Long gracePeriodSeconds, Propagation propagation, String preconditionUid,
    String preconditionResourceVersion, boolean dryRun) {

  /**
   * What happens to objects that name the deleted one as owner (metadata.ownerReferences); the garbage collector
   * (controllers) does the work, the store only sets the finalizers that tell it to.
   */
  public enum Propagation {
    /** Not given: the object's garbage-collection finalizer if it has one, else the kind's default (Background). */
    KIND_DEFAULT,
    /** The owner goes now; the garbage collector deletes its dependents after. */
    BACKGROUND,
    /** The owner stays (finalizer foregroundDeletion) until its blockOwnerDeletion dependents are gone. */
    FOREGROUND,
    /** The owner stays (finalizer orphan) until the garbage collector removed the dependents' references to it. */
    ORPHAN
  }

  /** Upstream's finalizer of an owner whose dependents are deleted first. */
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";
  /** Upstream's finalizer of an owner whose dependents are orphaned. */
  public static final String ORPHAN_FINALIZER = "orphan";

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, Propagation.KIND_DEFAULT, "", "", false);

  public static DeleteOptions now() {
    return new DeleteOptions(0L, Propagation.KIND_DEFAULT, "", "", false);
  }

  /**
   * The policy from upstream's propagationPolicy and the deprecated orphanDependents (null: not given); BadRequest
   * when both are given, as upstream.
   */
  public static Propagation propagation(String policy, Boolean orphanDependents) {
    if (orphanDependents == null) {
      return propagation(policy);
    }
    if (!policy.isEmpty()) {
      throw ApiException.badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Invalid value: \""
          + policy + "\": orphanDependents and deletionPropagation cannot be both set");
    }
    return orphanDependents ? Propagation.ORPHAN : Propagation.BACKGROUND;
  }

  public DeleteOptions withPropagation(Propagation p) {
    return new DeleteOptions(gracePeriodSeconds, p, preconditionUid, preconditionResourceVersion, dryRun);
  }

  /** Parses upstream's propagationPolicy ("" = not given); BadRequest for anything else. */
  public static Propagation propagation(String policy) {
    return switch (policy) {
      case "" -> Propagation.KIND_DEFAULT;
      case "Background" -> Propagation.BACKGROUND;
      case "Foreground" -> Propagation.FOREGROUND;
      case "Orphan" -> Propagation.ORPHAN;
      default -> throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
          + "\": supported values: " + String.join(", ", List.of("\"Foreground\"", "\"Background\"", "\"Orphan\"")));
    };
  }
}
