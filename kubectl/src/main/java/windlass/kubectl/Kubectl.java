package windlass.kubectl;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import windlass.kubectl.cmd.ApiResourcesCommand;
import windlass.kubectl.cmd.ApplyCommand;
import windlass.kubectl.cmd.CreateCommand;
import windlass.kubectl.cmd.DeleteCommand;
import windlass.kubectl.cmd.GetCommand;
import windlass.kubectl.cmd.LogsCommand;
import windlass.kubectl.cmd.ScaleCommand;
import windlass.kubectl.cmd.VersionCommand;

/** The root command: global flags, and the session every subcommand reaches through {@link #session()}. */
@Command(name = "kubectl",
    description = "windlass kubectl controls a windlass cluster over gRPC (run it as `windlass kubectl`).",
    subcommands = {
        GetCommand.class, CreateCommand.class, ApplyCommand.class, DeleteCommand.class, ScaleCommand.class,
        LogsCommand.class, VersionCommand.class, ApiResourcesCommand.class})
public final class Kubectl implements Callable<Integer> {
  @Mixin
  GlobalOptions flags = new GlobalOptions();

  @Spec
  CommandLine.Model.CommandSpec spec;

  private final Environment env;
  private Session session;

  public Kubectl(Environment env) {
    this.env = env;
  }

  public Environment env() {
    return env;
  }

  /** The cluster connection, opened on first use; Main closes it. */
  public Session session() {
    if (session == null) {
      session = new Session(env, flags);
    }
    return session;
  }

  Session openedSession() {
    return session;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(env.out());
    return 0;
  }
}
