package windlass.apiserver.registry;

import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import windlass.client.FieldError;
import windlass.client.validation.NameFormats;

/** upstream ValidateObjectMeta / ValidateObjectMetaUpdate, for the fields v0 checks. */
public final class ObjectMetaValidation {
  private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private ObjectMetaValidation() {}

  public static List<FieldError> validate(ObjectMeta m, Strategy strategy) {
    List<FieldError> errs = new ArrayList<>();
    if (!m.getGenerateName().isEmpty()) {
      for (String msg : strategy.validateName(m.getGenerateName(), true)) {
        errs.add(FieldError.invalid("metadata.generateName", m.getGenerateName(), msg));
      }
    }
    if (m.getName().isEmpty()) {
      errs.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      for (String msg : strategy.validateName(m.getName(), false)) {
        errs.add(FieldError.invalid("metadata.name", m.getName(), msg));
      }
    }
    if (strategy.kind().namespaced()) {
      if (m.getNamespace().isEmpty()) {
        errs.add(FieldError.required("metadata.namespace", ""));
      } else {
        for (String msg : NameFormats.dns1123Label(m.getNamespace())) {
          errs.add(FieldError.invalid("metadata.namespace", m.getNamespace(), msg));
        }
      }
    } else if (!m.getNamespace().isEmpty()) {
      errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    errs.addAll(labels(m.getLabelsMap(), "metadata.labels"));
    errs.addAll(annotations(m.getAnnotationsMap()));
    errs.addAll(ownerReferences(m.getOwnerReferencesList()));
    for (int i = 0; i < m.getFinalizersCount(); i++) {
      for (String msg : NameFormats.labelKey(m.getFinalizers(i))) {
        errs.add(FieldError.invalid("metadata.finalizers[" + i + "]", m.getFinalizers(i), msg));
      }
    }
    return errs;
  }

  /** What an update may not change in metadata (system fields are restored before this runs). */
  public static List<FieldError> validateUpdate(ObjectMeta m, ObjectMeta old) {
    List<FieldError> errs = new ArrayList<>();
    if (!m.getUid().equals(old.getUid())) {
      errs.add(FieldError.invalid("metadata.uid", m.getUid(), "field is immutable"));
    }
    return errs;
  }

  public static List<FieldError> labels(Map<String, String> labels, String field) {
    List<FieldError> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      for (String msg : NameFormats.labelKey(e.getKey())) {
        errs.add(FieldError.invalid(field, e.getKey(), msg));
      }
      for (String msg : NameFormats.labelValue(e.getValue())) {
        errs.add(FieldError.invalid(field, e.getValue(), msg));
      }
    }
    return errs;
  }

  private static List<FieldError> annotations(Map<String, String> annotations) {
    List<FieldError> errs = new ArrayList<>();
    long size = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      for (String msg : NameFormats.labelKey(e.getKey().toLowerCase(Locale.ROOT))) {
        errs.add(FieldError.invalid("metadata.annotations", e.getKey(), msg));
      }
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > MAX_ANNOTATIONS_BYTES) {
      errs.add(new FieldError(FieldError.Type.TOO_LONG, "metadata.annotations", null,
          "must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
    }
    return errs;
  }

  private static List<FieldError> ownerReferences(List<OwnerReference> refs) {
    List<FieldError> errs = new ArrayList<>();
    List<String> controllers = new ArrayList<>();
    for (OwnerReference r : refs) {
      if (r.getApiVersion().isEmpty()) {
        errs.add(FieldError.invalid("metadata.ownerReferences.apiVersion", "", "version must not be empty"));
      }
      if (r.getKind().isEmpty()) {
        errs.add(FieldError.invalid("metadata.ownerReferences.kind", "", "kind must not be empty"));
      }
      if (r.getName().isEmpty()) {
        errs.add(FieldError.invalid("metadata.ownerReferences.name", "", "name must not be empty"));
      }
      if (r.getUid().isEmpty()) {
        errs.add(FieldError.invalid("metadata.ownerReferences.uid", "", "uid must not be empty"));
      }
      if (r.getController()) {
        controllers.add(r.getName());
      }
    }
    if (controllers.size() > 1) {
      errs.add(new FieldError(FieldError.Type.INVALID, "metadata.ownerReferences", controllers.toString(),
          "Only one reference can have Controller set to true. Found \"true\" in references for "
              + String.join(" and ", controllers)));
    }
    return errs;
  }
}
