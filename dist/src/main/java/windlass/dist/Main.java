package windlass.dist;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The windlass launcher jar: {@code up} (a single-node cluster in this JVM), {@code kubectl}, and each component on
 * its own ({@code apiserver}, {@code scheduler}, {@code controllers}, {@code kubelet}) with that component's flags.
 */
public final class Main {
  private Main() {}

  /**
   * client-java-proto 27.0.0 (the upstream types) is pre-22 protobuf gencode; protobuf-java 4.35 runs it but logs a
   * warning per type unless told the risk is accepted (the upstream types declare no proto2 extensions).
   */
  static final String PRE22_GENCODE = "com.google.protobuf.use_unsafe_pre22_gencode";

  /**
   * jetcd (and the unshaded Netty under it) log through SLF4J, which finds no provider in this jar and would print a
   * three-line warning on every command, kubectl included; name SLF4J's no-op provider so it stays quiet. Storage
   * errors reach the apiserver as exceptions, not as log lines.
   */
  static final String SLF4J_PROVIDER = "slf4j.provider";

  public static void main(String[] args) {
    System.setProperty(PRE22_GENCODE, "true");
    System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    if (args.length == 0) {
      System.err.println("usage: windlass up|kubectl|apiserver|scheduler|controllers|kubelet [ARGS...]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "up" -> System.exit(new CommandLine(new Up()).execute(rest));
      case "kubectl" -> System.exit(windlass.kubectl.Main.run(rest, System.out, System.err));
      case "apiserver" -> windlass.apiserver.Main.main(rest);
      case "scheduler" -> windlass.scheduler.Main.main(rest);
      case "controllers" -> windlass.controllers.Main.main(rest);
      case "kubelet" -> windlass.kubelet.Main.main(rest);
      default -> {
        System.err.println("windlass: unknown command \"" + args[0] + "\"");
        System.exit(2);
      }
    }
  }

  /** {@code windlass up}: runs until Ctrl-C (SIGINT/SIGTERM), then stops every component cleanly. */
  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Run a single-node cluster (apiserver, controllers, scheduler, kubelet) in the foreground.")
  static final class Up implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "/var/lib/windlass", description = "state.db and kubeconfig")
    Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:6443", description = "apiserver gRPC address")
    String listen;

    @Option(names = "--node-name", description = "default: this host's name")
    String nodeName;

    @Option(names = "--container-runtime-endpoint", defaultValue = "unix:///run/containerd/containerd.sock")
    String criEndpoint;

    @Option(names = "--cni-conf-dir", defaultValue = "/etc/cni/net.d")
    Path cniConfDir;

    @Option(names = "--cni-bridge", defaultValue = "wlcni0")
    String cniBridge;

    @Option(names = "--cni-ipam-dir", defaultValue = "/var/lib/cni/networks")
    Path cniIpamDir;

    @Option(names = "--pod-cidr", defaultValue = "10.88.0.0/16")
    String podCidr;

    @Option(names = "--kubelet-port", defaultValue = "10250")
    int kubeletPort;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      String node = nodeName != null ? nodeName
          : java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
      SingleNodeCluster cluster = new SingleNodeCluster(new SingleNodeCluster.Config(dataDir, listen, node,
          criEndpoint, cniConfDir, cniBridge, cniIpamDir, podCidr, kubeletPort, null), out);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        out.println("[windlass] stopping (pods keep running in containerd; `./windlass down` stops them)");
        cluster.close();
        stopped.countDown();
      }, "windlass-shutdown"));
      cluster.start(Duration.ofMinutes(2));
      out.println();
      out.println("windlass is running. In another terminal:");
      out.println("  ./windlass kubectl get nodes            (kubeconfig: " + cluster.kubeconfig() + ")");
      out.println("  ./windlass kubectl create deployment web --image=busybox:1.35 -- httpd -f -p 8080 -h /var/www");
      out.println("The upstream kubectl (/usr/bin/kubectl) speaks REST, which windlass does not serve yet.");
      out.println("Ctrl-C stops windlass.");
      stopped.await();
      return 0;
    }
  }
}
