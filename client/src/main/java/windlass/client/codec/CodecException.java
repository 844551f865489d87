package windlass.client.codec;

import java.util.List;

/**
 * A manifest that cannot be parsed or cannot be mapped onto its message. The message follows
 * upstream's wording where upstream has one ({@code strict decoding error: unknown field "spec.x"},
 * {@code json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32},
 * {@code yaml: line 3, column 7: ...}).
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final List<String> unknownFields;
  private final int line;
  private final int column;

  private CodecException(String message, String path, List<String> unknownFields, int line, int column) {
    super(message);
    this.path = path;
    this.unknownFields = List.copyOf(unknownFields);
    this.line = line;
    this.column = column;
  }

  /** A value that does not fit its field; {@code path} is the field with list indexes, e.g. {@code spec.ports[0].port}. */
  static CodecException at(String path, String message) {
    return new CodecException(message, path, List.of(), -1, -1);
  }

  /** Upstream's strict decoding error: every unknown field, in input order. */
  static CodecException unknownFields(List<String> paths) {
    StringBuilder b = new StringBuilder("strict decoding error: ");
    for (int i = 0; i < paths.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append("unknown field ").append(Json.quote(paths.get(i)));
    }
    return new CodecException(b.toString(), paths.get(0), paths, -1, -1);
  }

  /** A syntax error in a JSON or YAML text; line and column count from 1. */
  static CodecException syntax(String message, int line, int column) {
    return new CodecException(message, "", List.of(), line, column);
  }

  /**
   * The field the error is about, with list indexes and map keys ({@code spec.template.spec.containers[0].imagee},
   * {@code metadata.labels.app}); for unknown fields the first one; empty for syntax errors and errors about the
   * whole object.
   */
  public String path() {
    return path;
  }

  /** All unknown fields (paths as {@link #path()}) when this is a strict decoding error, else empty. */
  public List<String> unknownFields() {
    return unknownFields;
  }

  /** The 1-based line of a syntax error, or -1. */
  public int line() {
    return line;
  }

  /** The 1-based column of a syntax error, or -1. */
  public int column() {
    return column;
  }
}
