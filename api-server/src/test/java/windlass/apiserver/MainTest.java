package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
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
    for (String flag : new String[] {"--data-dir", "--listen", "--storage", "--watch-cache",
        "--watch-cache-memory"}) {
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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ApiServer.Config(dir, null, "etcd://127.0.0.1:2379").openStorage());
    assertTrue(e.getMessage().contains("not implemented yet"), e.getMessage());
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
