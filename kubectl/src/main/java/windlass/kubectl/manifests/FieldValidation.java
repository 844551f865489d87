package windlass.kubectl.manifests;

import java.util.Locale;
import windlass.kubectl.CommandException;

/** {@code --validate}: what an unknown field in a manifest does (upstream's fieldValidation levels). */
public enum FieldValidation {
  /** An unknown field is an error; nothing is sent (the default, "true"). */
  STRICT,
  /** An unknown field is reported as a warning and dropped. */
  WARN,
  /** Unknown fields are dropped silently ("false"). */
  IGNORE;

  public static FieldValidation parse(String flag) {
    return switch (flag.toLowerCase(Locale.ROOT)) {
      case "true", "strict", "" -> STRICT;
      case "warn" -> WARN;
      case "false", "ignore" -> IGNORE;
      default -> throw CommandException.error("invalid - validate option \"" + flag
          + "\"; must be one of: strict (or true), warn, ignore (or false)");
    };
  }
}
