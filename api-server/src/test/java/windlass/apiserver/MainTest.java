package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import windlass.apiserver.storage.EtcdTls;
import windlass.apiserver.storage.StorageSpec;
import windlass.client.WindlassClient;

class MainTest {
  @TempDir
  Path dir;

  @Test
  void helpNamesTheFlags() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out));
    assertEquals(0, cmd.execute("--help"));
    for (String flag : new String[] {"--data-dir", "--listen", "--storage", "--etcd-cafile", "--etcd-certfile",
        "--etcd-keyfile", "--watch-cache", "--watch-cache-memory"}) {
      assertTrue(out.toString().contains(flag), out.toString());
    }
  }

  @Test
  void aWatchCacheMemoryThatIsNoQuantityIsRefused() {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setErr(new PrintWriter(err));
    assertEquals(2, cmd.execute("--data-dir", dir.toString(), "--watch-cache-memory", "lots"));
  }

  @Test
  void theWatchCacheIsOnWith64MiUnlessTurnedOff() {
    assertTrue(ApiServer.Config.of(dir).watchCache().enabled());
    assertEquals(64L << 20, ApiServer.Config.of(dir).watchCache().memoryBytes());
    Main m = new Main();
    new CommandLine(m).parseArgs("--watch-cache=false", "--watch-cache-memory=1Gi");
    assertEquals(false, m.watchCache);
    assertEquals("1Gi", m.watchCacheMemory);
  }

  @Test
  void configDefaultsToLoopbackAndSqliteInTheDataDir() {
    ApiServer.Config c = ApiServer.Config.of(dir);
    assertEquals("127.0.0.1:6443", c.listen());
    assertEquals("sqlite:" + dir.resolve("state.db"), c.storage());
  }

  private ApiServer.Config parse(String... args) {
    Main m = new Main();
    new CommandLine(m).parseArgs(args);
    return m.config();
  }

  @Test
  void storageFlagTakesSqliteOrEtcdEndpoints() {
    String[][] cases = {
        {"--data-dir", "/d"}, {"sqlite:/d/state.db"},
        {"--data-dir", "/d", "--storage=sqlite"}, {"sqlite:/d/state.db"},
        {"--data-dir", "/d", "--storage=sqlite:/elsewhere/x.db"}, {"sqlite:/elsewhere/x.db"},
        {"--data-dir", "/d", "--storage=etcd:http://127.0.0.1:2379"}, {"etcd:http://127.0.0.1:2379"},
        {"--data-dir", "/d", "--storage=etcd:http://a:2379,b:2380,c"}, {"etcd:http://a:2379,http://b:2380,http://c:2379"},
        {"--data-dir", "/d", "--storage=etcd:https://a:2379,https://b:2379", "--etcd-cafile=/ca.pem",
            "--etcd-certfile=/c.pem", "--etcd-keyfile=/k.pem"}, {"etcd:https://a:2379,https://b:2379"},
    };
    for (int i = 0; i < cases.length; i += 2) {
      assertEquals(cases[i + 1][0], parse(cases[i]).storage(), String.join(" ", cases[i]));
    }
    StorageSpec.Etcd tls = (StorageSpec.Etcd) parse(cases[10]).storageSpec();
    assertEquals(new EtcdTls(Path.of("/ca.pem"), Path.of("/c.pem"), Path.of("/k.pem")), tls.tls());
    assertEquals(List.of(URI.create("http://a:2379"), URI.create("http://b:2380"), URI.create("http://c:2379")),
        ((StorageSpec.Etcd) parse(cases[8]).storageSpec()).endpoints());
  }

  @Test
  void badStorageValuesSayWhatIsAccepted() {
    String[][] cases = {
        {"--storage=mysql://x"}, {"invalid --storage \"mysql://x\": unknown backend; want sqlite:<path> or "
            + "etcd:http(s)://host:port[,host:port...]"},
        {"--storage=etcd:"}, {"invalid --storage \"etcd:\": no etcd endpoint"},
        {"--storage=etcd:127.0.0.1:2379"}, {"invalid --storage \"etcd:127.0.0.1:2379\": the first endpoint needs "
            + "http:// or https://"},
        {"--storage=etcd:ftp://a:1"}, {"endpoint ftp://a:1: the scheme must be http or https"},
        {"--storage=etcd:http://a:1,https://b:2"}, {"endpoints mix http and https"},
        {"--storage=etcd:http://a:1,,b"}, {"an empty endpoint"},
        {"--storage=etcd:http://a:1/v3"}, {"endpoint http://a:1/v3 must be scheme://host[:port]"},
        {"--storage=sqlite:"}, {"the path after sqlite: is empty"},
        {"--storage=etcd:http://a:1", "--etcd-cafile=/ca"}, {"need https:// etcd endpoints"},
        {"--storage=sqlite:/x", "--etcd-cafile=/ca"}, {"go with --storage=etcd:https://"},
        {"--storage=etcd:https://a:1", "--etcd-certfile=/c"}, {"--etcd-certfile and --etcd-keyfile must be given "
            + "together"},
    };
    for (int i = 0; i < cases.length; i += 2) {
      String[] args = cases[i];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args),
          String.join(" ", args));
      assertTrue(e.getMessage().contains(cases[i + 1][0]), e.getMessage());
    }
  }

  @Test
  void aBadStorageValueEndsMainWithAnError() {
    StringWriter err = new StringWriter();
    java.io.PrintStream old = System.err;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(2, new CommandLine(new Main()).execute("--data-dir", dir.toString(), "--storage=bolt:x"));
    } finally {
      System.setErr(old);
    }
    assertTrue(buf.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("error: invalid --storage \"bolt:x\""),
        buf.toString(java.nio.charset.StandardCharsets.UTF_8) + err);
  }

  @Test
  void servesPlaintextGrpcOnATcpPort() {
    ApiServer server = new ApiServer(new ApiServer.Config(dir, "127.0.0.1:0", null));
    server.startAsync().awaitRunning();
    try (WindlassClient c = WindlassClient.connect("127.0.0.1:" + server.port())) {
      assertEquals(4, c.namespaces().list().items().size());
    } finally {
      server.stopAsync().awaitTerminated();
    }
  }
}
