package windlass.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.Kubeconfig;
import windlass.client.WindlassClient;

class SessionTest extends ClusterTest {
  @TempDir
  Path dir;

  @Test
  void namespaceComesFromTheKubeconfigContextUnlessGiven() throws IOException {
    Path config = dir.resolve("config");
    Kubeconfig.write(config, "windlass", "grpc://127.0.0.1:6443");
    java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
        .replace("namespace: default", "namespace: team"));
    pod("team", "in-team");
    pod("default", "in-default");
    assertEquals("pod/in-team\n", cli.runExactly("--kubeconfig", config.toString(), "get", "pods", "-o", "name").out());
    assertEquals("pod/in-default\n",
        cli.runExactly("--kubeconfig", config.toString(), "-n", "default", "get", "pods", "-o", "name").out());
  }

  @Test
  void aMissingKubeconfigWithoutServerIsAnError() {
    Cli.Result r = cli.runExactly("--kubeconfig", dir.resolve("none").toString(), "get", "pods");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: kubeconfig " + dir.resolve("none") + " does not exist"), r.err());
  }

  @Test
  void anUnreachableServerIsWordedAsUpstream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
        Clock.systemUTC(), new Random(1),
        s -> new WindlassClient(InProcessChannelBuilder.forName("nobody-listens").build(), true));
    int code = Main.run(new String[] {"--server=grpc://127.0.0.1:6443", "--kubeconfig=/none", "get", "pods"}, env);
    assertEquals(1, code);
    assertEquals("The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void noArgumentsPrintsUsage() {
    Cli.Result r = cli.runExactly();
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage: kubectl"), r.out());
  }
}
