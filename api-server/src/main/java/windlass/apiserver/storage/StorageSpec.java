package windlass.apiserver.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The apiserver's {@code --storage} value: {@code sqlite:<path>} (or just {@code sqlite}: the data dir's
 * {@code state.db}), or {@code etcd:http(s)://host:2379,host2:2379} (a host without a scheme takes the first one's, a
 * host without a port gets 2379), with TLS files for https ({@code --etcd-cafile}, {@code --etcd-certfile},
 * {@code --etcd-keyfile}).
 */
public sealed interface StorageSpec {
  String USAGE = "sqlite:<path> or etcd:http(s)://host:port[,host:port...]";

  Backend open();

  record Sqlite(Path file) implements StorageSpec {
    @Override
    public Backend open() {
      return SqliteBackend.open(file);
    }

    @Override
    public String toString() {
      return "sqlite:" + file;
    }
  }

  record Etcd(List<URI> endpoints, EtcdTls tls) implements StorageSpec {
    public Etcd {
      endpoints = List.copyOf(endpoints);
    }

    @Override
    public Backend open() {
      return EtcdBackend.connect(endpoints, tls);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("etcd:");
      for (int i = 0; i < endpoints.size(); i++) {
        b.append(i == 0 ? "" : ",").append(endpoints.get(i));
      }
      return b.toString();
    }
  }

  /**
   * Parses a {@code --storage} value; {@code tls} (null: none) only goes with https etcd endpoints.
   * IllegalArgumentException with the accepted forms otherwise.
   */
  static StorageSpec parse(String value, Path dataDir, EtcdTls tls) {
    String v = value == null ? "" : value.trim();
    boolean tlsGiven = tls != null && !tls.isEmpty();
    if (v.isEmpty() || v.equals("sqlite") || v.startsWith("sqlite:")) {
      if (tlsGiven) {
        throw new IllegalArgumentException("--etcd-cafile, --etcd-certfile and --etcd-keyfile go with "
            + "--storage=etcd:https://...; the storage is " + (v.isEmpty() ? "sqlite" : v));
      }
      String path = v.startsWith("sqlite:") ? v.substring("sqlite:".length()) : "";
      if (v.startsWith("sqlite:") && path.isEmpty()) {
        throw invalid(value, "the path after sqlite: is empty");
      }
      return new Sqlite(path.isEmpty() ? dataDir.resolve("state.db") : Path.of(path));
    }
    if (!v.startsWith("etcd:")) {
      throw invalid(value, "unknown backend");
    }
    String rest = v.substring("etcd:".length());
    if (rest.isEmpty()) {
      throw invalid(value, "no etcd endpoint");
    }
    List<URI> endpoints = new ArrayList<>();
    String scheme = null;
    for (String part : rest.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw invalid(value, "an empty endpoint");
      }
      if (!p.contains("://")) {
        if (scheme == null) {
          throw invalid(value, "the first endpoint needs http:// or https://");
        }
        p = scheme + "://" + p;
      }
      URI u;
      try {
        u = new URI(p);
      } catch (java.net.URISyntaxException e) {
        throw invalid(value, "endpoint " + part + ": " + e.getReason());
      }
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw invalid(value, "endpoint " + part + ": the scheme must be http or https");
      }
      if (scheme != null && !scheme.equals(u.getScheme())) {
        throw invalid(value, "endpoints mix http and https");
      }
      scheme = u.getScheme();
      if (u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))
          || u.getQuery() != null) {
        throw invalid(value, "endpoint " + part + " must be scheme://host[:port]");
      }
      endpoints.add(URI.create(scheme + "://" + u.getHost() + ":" + (u.getPort() == -1 ? 2379 : u.getPort())));
    }
    if (tlsGiven && !"https".equals(scheme)) {
      throw new IllegalArgumentException("--etcd-cafile, --etcd-certfile and --etcd-keyfile need https:// etcd "
          + "endpoints; got " + v);
    }
    return new Etcd(endpoints, "https".equals(scheme) ? (tls == null ? new EtcdTls(null, null, null) : tls) : null);
  }

  private static IllegalArgumentException invalid(String value, String why) {
    return new IllegalArgumentException("invalid --storage \"" + value + "\": " + why + "; want " + USAGE);
  }
}
