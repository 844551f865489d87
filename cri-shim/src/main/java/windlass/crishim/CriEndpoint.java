package windlass.crishim;

import java.nio.file.Path;

/**
 * Where a CRI runtime listens: a unix socket, written as upstream's {@code --container-runtime-endpoint} takes it
 * ({@code unix:///run/containerd/containerd.sock}) or as a bare absolute path.
 */
public record CriEndpoint(Path socket) {
  /** The kubelet's default, containerd's standard socket. */
  public static final String DEFAULT = "unix:///run/containerd/containerd.sock";

  public CriEndpoint {
    if (!socket.isAbsolute()) {
      throw new IllegalArgumentException("CRI socket path must be absolute, got " + socket);
    }
  }

  /**
   * Parses {@code unix:///abs/path} or {@code /abs/path}. Other schemes (tcp://, npipe://) are refused with a message
   * naming the accepted form.
   */
  public static CriEndpoint parse(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return parse(DEFAULT);
    }
    String e = endpoint.trim();
    if (e.startsWith("unix://")) {
      String path = e.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("container runtime endpoint \"" + endpoint
            + "\": the socket path must be absolute, e.g. " + DEFAULT);
      }
      return new CriEndpoint(Path.of(path));
    }
    if (e.startsWith("/")) {
      return new CriEndpoint(Path.of(e));
    }
    throw new IllegalArgumentException("container runtime endpoint \"" + endpoint
        + "\" is not supported: only unix sockets are, written unix:///path/to/socket (default " + DEFAULT + ")");
  }

  /** The gRPC target, {@code unix:///abs/path}. */
  public String target() {
    return "unix://" + socket;
  }

  @Override
  public String toString() {
    return target();
  }
}
