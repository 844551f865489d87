package windlass.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.api.v1.WatchEventType;
import windlass.client.ApiException;
import windlass.client.ListOptions;
import windlass.client.Watch;
import windlass.client.WatchEvent;
import windlass.client.Watcher;
import windlass.client.WindlassClient;

class InProcessChannelTest {
  @TempDir
  Path dir;

  @Test
  void aComponentInTheSameJvmAndAClientOverTcpSeeTheSameApiserver() throws Exception {
    ApiServer server = new ApiServer(ApiServer.Config.of(dir).withListen("127.0.0.1:0"));
    server.startAsync().awaitRunning();
    try (WindlassClient inProcess = new WindlassClient(server.inProcessChannel(), true);
        WindlassClient overTcp = WindlassClient.connect("127.0.0.1:" + server.port())) {
      List<String> seen = new CopyOnWriteArrayList<>();
      CountDownLatch added = new CountDownLatch(1);
      Watch w = overTcp.namespaces().watch(ListOptions.ALL, new Watcher<>() {
        @Override
        public void onEvent(WatchEvent<V1.Namespace> e) {
          if (e.type() == WatchEventType.ADDED && e.object().getMetadata().getName().equals("from-inside")) {
            seen.add(e.object().getMetadata().getName());
            added.countDown();
          }
        }

        @Override
        public void onClose(ApiException error) {}
      });
      inProcess.namespaces().create(V1.Namespace.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("from-inside")).build());
      assertEquals("from-inside", overTcp.namespaces().get("from-inside").getMetadata().getName());
      added.await(10, TimeUnit.SECONDS);
      assertEquals(List.of("from-inside"), seen);
      w.close();
    } finally {
      server.stopAsync().awaitTerminated();
    }
  }

  @Test
  void aStoppedApiserverHasNoInProcessChannel() {
    ApiServer server = new ApiServer(ApiServer.Config.of(dir).withListen("127.0.0.1:0"));
    assertThrows(IllegalStateException.class, server::inProcessChannel);
  }
}
