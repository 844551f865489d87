package windlass.apiserver.registry;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import windlass.client.FieldError;
import windlass.client.Kind;

/**
 * What differs between kinds, as upstream's RESTCreateStrategy / RESTUpdateStrategy / RESTDeleteStrategy: defaults,
 * validation, what an update may change, the status subresource, graceful deletion and selectable fields. The
 * generic {@link ResourceStore} does the rest (names, uid, timestamps, resourceVersion, generation).
 */
public interface Strategy {
  Kind kind();

  /** upstream's name check for the kind: messages, empty when valid; {@code prefix} for a generateName. */
  List<String> validateName(String name, boolean prefix);

  /** Whether metadata.generation starts at 1 and is bumped by {@link #generationChanged}. */
  default boolean tracksGeneration() {
    return false;
  }

  /** Whether an update from {@code old} to {@code obj} bumps metadata.generation (a spec change). */
  default boolean generationChanged(Message obj, Message old) {
    return false;
  }

  /** Fills defaults, as upstream's defaulting at decode time (create and update alike). */
  Message defaults(Message obj);

  /** Resets what a client may not set on create (status, mostly). */
  Message prepareForCreate(Message obj);

  List<FieldError> validate(Message obj);

  /**
   * The object to create once uid, name and creationTimestamp are set, before validation: what needs them (upstream
   * does Job selector generation in Validate for this reason).
   */
  default Message completeCreate(Message obj) {
    return obj;
  }

  /** The object to store for an update: keeps what the main resource may not change (status). */
  Message prepareForUpdate(Message obj, Message old);

  List<FieldError> validateUpdate(Message obj, Message old);

  /** The object to store for a status update: {@code old} with {@code obj}'s status. */
  Message prepareForStatusUpdate(Message obj, Message old);

  default List<FieldError> validateStatusUpdate(Message obj, Message old) {
    return List.of();
  }

  /** Field-selector values beyond metadata.name and metadata.namespace, which every kind has. */
  default Map<String, String> selectableFields(Message obj) {
    return Map.of();
  }

  /** Whether finalizers still hold the object once it is marked for deletion (metadata.finalizers by default). */
  default boolean heldByFinalizers(Message obj) {
    return windlass.client.ObjectMetas.of(obj).getFinalizersCount() > 0;
  }

  /**
   * Seconds to wait before the object is removed ({@code requested}: the caller's grace period, null when not given).
   * 0 (the default) removes it at once; pods bound to a node wait for their kubelet.
   */
  default long gracePeriodSeconds(Message obj, Long requested) {
    return 0;
  }
}
