package windlass.kubectl;

import java.util.List;

/**
 * A command failed: its lines are printed to stderr as they are (already worded as upstream, e.g. {@code error: ...} or
 * {@code Error from server (NotFound): ...}) and kubectl exits with {@link #exitCode()}.
 */
public final class CommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> lines;
  private final int exitCode;

  public CommandException(List<String> lines, int exitCode) {
    super(String.join("\n", lines));
    this.lines = List.copyOf(lines);
    this.exitCode = exitCode;
  }

  /** {@code error: <message>}, exit code 1. */
  public static CommandException error(String message) {
    return new CommandException(List.of("error: " + message), 1);
  }

  /** Lines already worded in full, exit code 1. */
  public static CommandException lines(List<String> lines) {
    return new CommandException(lines, 1);
  }

  public List<String> lines() {
    return lines;
  }

  public int exitCode() {
    return exitCode;
  }
}
