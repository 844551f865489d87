package windlass.kubectl.cmd;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import windlass.api.v1.VersionRequest;
import windlass.api.v1.VersionResponse;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Version;

/** {@code version}: the client's and the server's Kubernetes API level and windlass version. */
@Command(name = "version", description = "Print the client and server version information.")
public final class VersionCommand implements Callable<Integer> {
  @ParentCommand
  Kubectl root;

  @Option(names = "--client", description = "If true, shows client version only (no server required).")
  boolean clientOnly;

  @Override
  public Integer call() {
    var out = root.env().out();
    out.println("Client Version: " + Version.KUBERNETES + " (windlass " + Version.windlass() + ")");
    if (clientOnly) {
      return 0;
    }
    try {
      VersionResponse v = root.session().client().discovery().version(VersionRequest.getDefaultInstance());
      String windlass = v.getWindlassVersion().isEmpty() ? "" : " (windlass " + v.getWindlassVersion() + ")";
      out.println("Server Version: " + v.getGitVersion() + windlass);
    } catch (RuntimeException e) {
      throw windlass.client.ApiException.from(e);
    }
    return 0;
  }
}
