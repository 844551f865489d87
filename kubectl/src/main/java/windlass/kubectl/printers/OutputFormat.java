package windlass.kubectl.printers;

import java.util.Locale;
import windlass.kubectl.CommandException;

/** The {@code -o} formats windlass kubectl prints. */
public enum OutputFormat {
  TABLE, WIDE, NAME, YAML, JSON;

  public static final String ALLOWED = "json,name,wide,yaml";

  public static OutputFormat parse(String flag) {
    if (flag == null || flag.isEmpty()) {
      return TABLE;
    }
    return switch (flag.toLowerCase(Locale.ROOT)) {
      case "wide" -> WIDE;
      case "name" -> NAME;
      case "yaml" -> YAML;
      case "json" -> JSON;
      default -> throw CommandException.error("unable to match a printer suitable for the output format \"" + flag
          + "\", allowed formats are: " + ALLOWED);
    };
  }

  public boolean table() {
    return this == TABLE || this == WIDE;
  }
}
