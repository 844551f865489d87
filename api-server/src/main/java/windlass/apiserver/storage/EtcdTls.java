package windlass.apiserver.storage;

import java.nio.file.Path;

/**
 * TLS to etcd, as kube-apiserver's {@code --etcd-cafile}, {@code --etcd-certfile}, {@code --etcd-keyfile}: the CA that
 * signed the members' certificates, and the client certificate and PEM (PKCS#8) key; each may be null.
 */
public record EtcdTls(Path caFile, Path certFile, Path keyFile) {
  public EtcdTls {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("--etcd-certfile and --etcd-keyfile must be given together");
    }
  }

  public boolean isEmpty() {
    return caFile == null && certFile == null;
  }
}
