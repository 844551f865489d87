package windlass.kubectl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;

/**
 * The cluster a command talks to, resolved from the global flags as upstream does: --server overrides the kubeconfig's
 * server, -n/--namespace overrides the context's namespace ("default" when neither says). The connection is opened on
 * first use and closed by {@link #close()}.
 */
public final class Session implements AutoCloseable {
  private final Environment env;
  private final GlobalOptions flags;
  private String server;
  private String namespace;
  private WindlassClient client;

  Session(Environment env, GlobalOptions flags) {
    this.env = env;
    this.flags = flags;
  }

  public Environment env() {
    return env;
  }

  /** The namespace of namespaced requests: -n, else the kubeconfig context's, else "default". */
  public String namespace() {
    resolve();
    return namespace;
  }

  /** Whether -n/--namespace was given (then a manifest naming another namespace is an error, as upstream). */
  public boolean namespaceExplicit() {
    return flags.namespace != null && !flags.namespace.isEmpty();
  }

  /** The server address, for messages. */
  public String server() {
    resolve();
    return server;
  }

  public WindlassClient client() {
    if (client == null) {
      resolve();
      client = env.connector().apply(server);
    }
    return client;
  }

  private void resolve() {
    if (server != null) {
      return;
    }
    Kubeconfig config = null;
    Path file = Kubeconfig.locate(flags.kubeconfig);
    boolean haveServer = flags.server != null && !flags.server.isEmpty();
    if (!haveServer || Files.exists(file)) {
      try {
        config = Kubeconfig.load(file, flags.context);
      } catch (IOException | RuntimeException e) {
        if (!haveServer) {
          throw CommandException.error(e.getMessage());
        }
      }
    }
    server = haveServer ? flags.server : config.server();
    if (namespaceExplicit()) {
      namespace = flags.namespace;
    } else {
      namespace = config != null ? config.namespace() : "default";
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
