package windlass.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private single-member etcd for a benchmark (the Debian etcd binary, defaults: fsync on every commit), on free
 * loopback ports with its data under a given directory; stopped by its pid. The tests' EtcdCluster does the same for
 * n members.
 */
final class EtcdServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private EtcdServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static EtcdServer start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int client;
    int peer;
    // both sockets open at once: one at a time, the kernel may hand out the port just released again
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      client = a.getLocalPort();
      peer = b.getLocalPort();
    }
    String c = "http://127.0.0.1:" + client;
    String p = "http://127.0.0.1:" + peer;
    String bin = System.getenv().getOrDefault("WINDLASS_ETCD",
        Files.isExecutable(Path.of("/usr/bin/etcd")) ? "/usr/bin/etcd" : "etcd");
    Process proc = new ProcessBuilder(bin, "--name", "bench", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", c, "--advertise-client-urls", c, "--listen-peer-urls", p,
        "--initial-advertise-peer-urls", p, "--initial-cluster", "bench=" + p, "--initial-cluster-state", "new")
        .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    EtcdServer s = new EtcdServer(proc, URI.create(c));
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!proc.isAlive()) {
        throw new IOException("etcd exited with " + proc.exitValue() + "; see " + dir.resolve("etcd.log"));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(c + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
          return s;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    s.close();
    throw new IOException("etcd did not become healthy in 30 s; see " + dir.resolve("etcd.log"));
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
