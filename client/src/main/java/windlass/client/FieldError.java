package windlass.client;

/**
 * One validation error on one field, worded as upstream's field.Error: {@code spec.replicas: Invalid value: -1: must be
 * greater than or equal to 0}.
 */
public record FieldError(Type type, String field, String value, String detail) {

  /** upstream field.ErrorType: its reason (StatusCause.reason) and its wording. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    NOT_FOUND("FieldValueNotFound", "Not found"),
    TOO_MANY("FieldValueTooMany", "Too many");

    private final String reason;
    private final String wording;

    Type(String reason, String wording) {
      this.reason = reason;
      this.wording = wording;
    }

    public String reason() {
      return reason;
    }

    public String wording() {
      return wording;
    }
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    String v = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return new FieldError(Type.INVALID, field, v, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError notSupported(String field, Object value, java.util.Collection<String> valid) {
    String v = String.join(", ", valid.stream().map(s -> "\"" + s + "\"").toList());
    return new FieldError(Type.NOT_SUPPORTED, field, "\"" + value + "\"", "supported values: " + v);
  }

  /** The text after "field: " — what StatusCause.message holds. */
  public String message() {
    StringBuilder b = new StringBuilder(type.wording());
    if (value != null) {
      b.append(": ").append(value);
    }
    if (detail != null && !detail.isEmpty()) {
      b.append(": ").append(detail);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }
}
