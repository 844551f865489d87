package windlass.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The upstream kubeconfig file format (clusters, users, contexts, current-context), read for the current context's
 * server and default namespace. Windlass servers are gRPC: their address is written {@code grpc://host:port}, a scheme
 * upstream kubectl refuses loudly rather than mis-talking REST to it.
 */
public record Kubeconfig(String server, String namespace, String context) {

  /** The file kubectl uses: --kubeconfig, else the first path of $KUBECONFIG, else ~/.kube/config. */
  public static Path locate(String flag) {
    if (flag != null && !flag.isEmpty()) {
      return Path.of(flag);
    }
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isEmpty()) {
      return Path.of(env.split(":")[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }

  @SuppressWarnings("unchecked")
  public static Kubeconfig load(Path file, String contextOverride) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("kubeconfig " + file + " does not exist (start a cluster with `windlass up`, then "
          + "export KUBECONFIG=<data dir>/kubeconfig, or pass --kubeconfig)");
    }
    Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    if (root == null) {
      throw new IOException("kubeconfig " + file + " is empty");
    }
    String ctxName = contextOverride != null && !contextOverride.isEmpty()
        ? contextOverride : (String) root.getOrDefault("current-context", "");
    Map<String, Object> ctx = named((List<Map<String, Object>>) root.get("contexts"), ctxName, "context", file);
    Map<String, Object> c = (Map<String, Object>) ctx.get("context");
    String clusterName = (String) c.get("cluster");
    Map<String, Object> cluster = named((List<Map<String, Object>>) root.get("clusters"), clusterName, "cluster", file);
    String server = (String) ((Map<String, Object>) cluster.get("cluster")).get("server");
    String ns = (String) c.getOrDefault("namespace", "default");
    return new Kubeconfig(server, ns == null || ns.isEmpty() ? "default" : ns, ctxName);
  }

  private static Map<String, Object> named(List<Map<String, Object>> list, String name, String what, Path file)
      throws IOException {
    if (list != null) {
      for (Map<String, Object> m : list) {
        if (name.equals(m.get("name"))) {
          return m;
        }
      }
    }
    throw new IOException(what + " \"" + name + "\" not found in kubeconfig " + file);
  }

  /** Writes a single-cluster kubeconfig for {@code server} (e.g. grpc://127.0.0.1:6443). */
  public static void write(Path file, String clusterName, String server) throws IOException {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s-admin
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-admin
            namespace: default
        current-context: %1$s
        """.formatted(clusterName, server);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
