package windlass.client.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.Service;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;

class LabelCheckerTest {
  private static V1.Pod pod(String name, boolean labelled) {
    Meta.ObjectMeta.Builder m = Meta.ObjectMeta.newBuilder().setName(name).setNamespace("default");
    if (labelled) {
      m.putLabels("app", "web");
    }
    return V1.Pod.newBuilder().setMetadata(m).build();
  }

  @Test
  void theReadmeControllerWarnsAboutUnlabelledPodsWhileLeading() throws Exception {
    FakeClock clock = new FakeClock();
    try (FakeApiServer server = new FakeApiServer(clock); WindlassClient client = server.client()) {
      client.pods("default").create(pod("labelled", true));
      client.pods("default").create(pod("bare", false));
      Service checker = LabelChecker.create(client, clock, "me");
      checker.startAsync().awaitRunning(10, TimeUnit.SECONDS);
      server.awaitOrFail(Duration.ofSeconds(10), "a MissingLabel event",
          () -> !server.objects(Kinds.EVENT, "default").isEmpty());
      List<V1.Event> events = server.objects(Kinds.EVENT, "default");
      assertEquals(1, events.size());
      assertEquals("bare", events.get(0).getInvolvedObject().getName());
      assertEquals("pod default/bare has no app label", events.get(0).getMessage());
      assertEquals("me", server.<V1Coordination.Lease>object(Kinds.LEASE, "kube-system", "label-checker")
          .orElseThrow().getSpec().getHolderIdentity());
      checker.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
    }
  }
}
