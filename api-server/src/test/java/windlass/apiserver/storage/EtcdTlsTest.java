package windlass.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.ApiServer;
import windlass.client.WindlassClient;

/**
 * etcd over mutual TLS, as kube-apiserver's {@code --etcd-cafile/--etcd-certfile/--etcd-keyfile}: a private etcd
 * serving https with {@code --client-cert-auth}, certificates made for the test by openssl (a CA, the member's
 * certificate for 127.0.0.1, a client certificate; EC P-256 keys in PKCS#8 PEM).
 */
@Tag("e2e")
class EtcdTlsTest {
  @TempDir
  Path dir;

  private Process etcd;
  private URI endpoint;

  @BeforeEach
  void startTlsEtcd() throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-days", "1", "-subj", "/CN=windlass-test-etcd-ca");
    issue("server", "etcd", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
    issue("client", "windlass-apiserver", "extendedKeyUsage=clientAuth\n");
    int[] ports = EtcdCluster.freePorts(2);
    int client = ports[0];
    int peer = ports[1];
    endpoint = URI.create("https://127.0.0.1:" + client);
    String p = "http://127.0.0.1:" + peer;
    etcd = new ProcessBuilder(EtcdCluster.binary(), "--name", "tls", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", endpoint.toString(), "--advertise-client-urls", endpoint.toString(),
        "--listen-peer-urls", p, "--initial-advertise-peer-urls", p, "--initial-cluster", "tls=" + p,
        "--cert-file", dir.resolve("server.crt").toString(), "--key-file", dir.resolve("server.key").toString(),
        "--trusted-ca-file", dir.resolve("ca.crt").toString(), "--client-cert-auth")
        .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    awaitReady(new EtcdTls(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key")));
  }

  private void awaitReady(EtcdTls tls) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!etcd.isAlive()) {
        throw new IOException("etcd exited: " + Files.readString(dir.resolve("etcd.log")));
      }
      try {
        EtcdBackend.connect(List.of(endpoint), tls).close();
        return;
      } catch (StorageException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("etcd over TLS did not answer: " + e.getMessage() + "\n"
              + Files.readString(dir.resolve("etcd.log")), e);
        }
        Thread.sleep(200);
      }
    }
  }

  @AfterEach
  void stopEtcd() throws InterruptedException {
    if (etcd != null) {
      ProcessHandle.of(etcd.pid()).ifPresent(ProcessHandle::destroyForcibly);
      etcd.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theBackendTalksToEtcdOverMutualTls() throws Exception {
    EtcdTls tls = new EtcdTls(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key"));
    try (EtcdBackend b = EtcdBackend.connect(List.of(endpoint), tls)) {
      long rev = b.create("/registry/configmaps/default/tls", new byte[] {1, 2, 3});
      KeyValue kv = b.get("/registry/configmaps/default/tls").orElseThrow();
      assertArrayEquals(new byte[] {1, 2, 3}, kv.value());
      assertEquals(rev, kv.modRevision());
    }
  }

  @Test
  void theApiServerServesFromTlsEtcdGivenTheEtcdFileFlags() {
    EtcdTls tls = new EtcdTls(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key"));
    String name = InProcessServerBuilder.generateName();
    ApiServer server = new ApiServer(new ApiServer.Config(dir, null, "etcd:" + endpoint, tls),
        InProcessServerBuilder.forName(name).directExecutor());
    server.startAsync().awaitRunning();
    try (WindlassClient c = new WindlassClient(
        io.grpc.inprocess.InProcessChannelBuilder.forName(name).directExecutor().build(), true)) {
      c.resource(windlass.client.Kinds.CONFIG_MAP, "default").create(V1.ConfigMap.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("over-tls")).putData("k", "v").build());
      V1.ConfigMap got = c.resource(windlass.client.Kinds.CONFIG_MAP, V1.ConfigMap.class, "default").get("over-tls");
      assertEquals("v", got.getDataMap().get("k"));
    } finally {
      server.stopAsync().awaitTerminated();
    }
  }

  @Test
  void withoutAClientCertificateEtcdRefusesTheBackend() {
    EtcdTls caOnly = new EtcdTls(dir.resolve("ca.crt"), null, null);
    assertThrows(StorageException.class, () -> EtcdBackend.connect(List.of(endpoint), caOnly).close());
  }

  private void issue(String file, String cn, String extensions) throws Exception {
    Files.writeString(dir.resolve(file + ".ext"), extensions);
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file + ".key",
        "-out", file + ".csr", "-subj", "/CN=" + cn);
    openssl("x509", "-req", "-in", file + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", file + ".crt", "-days", "1", "-extfile", file + ".ext");
  }

  private void openssl(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "openssl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
