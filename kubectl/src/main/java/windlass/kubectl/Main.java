package windlass.kubectl;

import io.grpc.Status.Code;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import windlass.client.ApiException;

/**
 * windlass's kubectl. Called as {@code windlass kubectl ...} (never as {@code kubectl}: that is upstream's binary, which
 * speaks REST). Exit code 0 on success, 1 on any error, with upstream's wording on stderr.
 */
public final class Main {
  /** Held so the level sticks: grpc-java logs connection details through java.util.logging at INFO. */
  private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    GRPC_LOG.setLevel(java.util.logging.Level.WARNING);
    return run(args, Environment.system(out, err));
  }

  public static int run(String[] args, Environment env) {
    Kubectl root = new Kubectl(env);
    CommandLine cl = new CommandLine(root);
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    cl.setParameterExceptionHandler((ex, args2) -> {
      env.err().println("error: " + ParseErrors.upstreamWording(ex));
      CommandLine sub = ex.getCommandLine();
      env.err().println("See '" + sub.getCommandSpec().qualifiedName() + " -h' for help and examples");
      return 1;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(ex, root, env));
    try {
      return cl.execute(args);
    } finally {
      Session s = root.openedSession();
      if (s != null) {
        s.close();
      }
      env.out().flush();
      env.err().flush();
    }
  }

  private static int report(Exception ex, Kubectl root, Environment env) {
    List<String> lines;
    int code = 1;
    if (ex instanceof CommandException c) {
      lines = c.lines();
      code = c.exitCode();
    } else if (ex instanceof ApiException a) {
      lines = a.code() == Code.UNAVAILABLE && a.status().getCode() == 503 && a.getCause() != null
          ? List.of("The connection to the server " + hostPort(root) + " was refused - did you specify the right host "
              + "or port?")
          : ErrorMessages.of(a);
    } else {
      lines = List.of("error: " + ex);
      ex.printStackTrace(env.err());
    }
    lines.forEach(env.err()::println);
    return code;
  }

  private static String hostPort(Kubectl root) {
    String s = root.openedSession() == null ? "" : root.openedSession().server();
    return s.startsWith("grpc://") ? s.substring("grpc://".length()) : s;
  }
}
