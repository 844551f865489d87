package windlass.apiserver;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.WindlassClient;

/**
 * A test against the real apiserver over in-process gRPC: a fresh data dir, the server and a client per test (a
 * subclass's own {@code @BeforeEach} runs after this one's, with both ready).
 */
abstract class InProcessApiServerTest {
  @TempDir
  Path dir;

  ApiServer server;
  WindlassClient client;

  @BeforeEach
  void startApiServer() {
    String name = getClass().getSimpleName() + "-" + System.identityHashCode(this);
    server = new ApiServer(ApiServer.Config.of(dir), InProcessServerBuilder.forName(name).directExecutor());
    server.startAsync().awaitRunning();
    client = new WindlassClient(InProcessChannelBuilder.forName(name).directExecutor().build(), true);
  }

  @AfterEach
  void stopApiServer() {
    client.close();
    server.stopAsync().awaitTerminated();
  }
}
