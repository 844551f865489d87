package windlass.kubectl;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;

/** Base of tests that run kubectl against a fresh {@link FakeApiServer}. */
public abstract class ClusterTest {
  protected final FakeApiServer server;
  protected final Cli cli;

  protected ClusterTest() {
    try {
      server = new FakeApiServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli = new Cli(server);
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  protected static Meta.ObjectMeta.Builder meta(String namespace, String name) {
    return Meta.ObjectMeta.newBuilder().setName(name).setNamespace(namespace);
  }

  protected V1.Pod pod(String namespace, String name, String... labels) {
    Meta.ObjectMeta.Builder m = meta(namespace, name);
    for (int i = 0; i + 1 < labels.length; i += 2) {
      m.putLabels(labels[i], labels[i + 1]);
    }
    return server.put(V1.Pod.newBuilder().setMetadata(m)
        .setSpec(V1.PodSpec.newBuilder().setNodeName("node-1")
            .addContainers(V1.Container.newBuilder().setName("app").setImage("nginx")))
        .setStatus(V1.PodStatus.newBuilder().setPhase("Running")).build());
  }
}
