package windlass.apiserver.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private etcd for tests: {@code n} members of the Debian {@code etcd} binary on free loopback ports, data under
 * a given directory, logs in {@code <dir>/<member>.log}. Members are stopped (and can be killed) by their pid.
 */
public final class EtcdCluster implements AutoCloseable {
  /** The etcd binary: $WINDLASS_ETCD, else /usr/bin/etcd (Debian etcd-server), else etcd on the PATH. */
  public static String binary() {
    String env = System.getenv("WINDLASS_ETCD");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    return Files.isExecutable(Path.of("/usr/bin/etcd")) ? "/usr/bin/etcd" : "etcd";
  }

  private final Path dir;
  private final List<String> names = new ArrayList<>();
  private final List<Integer> clientPorts = new ArrayList<>();
  private final List<Integer> peerPorts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private EtcdCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code members} members under {@code dir} and waits until the cluster answers /health. */
  public static EtcdCluster start(Path dir, int members) throws IOException, InterruptedException {
    EtcdCluster c = new EtcdCluster(dir);
    Files.createDirectories(dir);
    StringBuilder initial = new StringBuilder();
    int[] ports = freePorts(2 * members);
    for (int i = 0; i < members; i++) {
      c.names.add("m" + i);
      c.clientPorts.add(ports[2 * i]);
      c.peerPorts.add(ports[2 * i + 1]);
      initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(c.peerPorts.get(i));
    }
    try {
      for (int i = 0; i < members; i++) {
        c.processes.add(c.launch(i, initial.toString()));
      }
      c.awaitHealthy(Duration.ofSeconds(30));
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private Process launch(int i, String initialCluster) throws IOException {
    String name = names.get(i);
    String client = "http://127.0.0.1:" + clientPorts.get(i);
    String peer = "http://127.0.0.1:" + peerPorts.get(i);
    Path data = dir.resolve(name + ".etcd");
    ProcessBuilder pb = new ProcessBuilder(binary(), "--name", name, "--data-dir", data.toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
        "--initial-cluster-token", "windlass-test-" + ProcessHandle.current().pid());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    return pb.start();
  }

  /**
   * {@code n} distinct free loopback ports: all sockets are held open until every port is known (one at a time, the
   * kernel may hand the port just released out again).
   */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new IOException("etcd member " + names.get(i) + " exited with " + processes.get(i).exitValue()
              + "; see " + dir.resolve(names.get(i) + ".log") + ":\n" + tail(names.get(i)));
        }
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoints().get(0) + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("etcd did not become healthy within " + timeout.toSeconds() + "s:\n" + tail(names.get(0)));
  }

  private String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** The server version member 0 reports on its HTTP /version endpoint ("3.4.23"). */
  public String serverVersion() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(endpoints().get(0) + "/version")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"etcdserver\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (!m.find()) {
      throw new IOException("no etcdserver version in " + r.body());
    }
    return m.group(1);
  }

  public List<URI> endpoints() {
    List<URI> out = new ArrayList<>();
    for (int p : clientPorts) {
      out.add(URI.create("http://127.0.0.1:" + p));
    }
    return out;
  }

  public long pid(int member) {
    return processes.get(member).pid();
  }

  /** SIGKILL to one member, by its pid. */
  public void kill(int member) throws InterruptedException {
    Process p = processes.get(member);
    ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGKILL to every member still running, by pid (the data is a test's temp dir: nothing to shut down cleanly). */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (Process p : processes) {
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
