package windlass.client.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.testing.FakeApiServer;

class EventRecorderTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2024-05-01T10:00:00.123456789Z"));

  @Test
  void writesAnUpstreamShapedEventWithoutBlocking() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock); EventRecorder rec =
        new EventRecorder(server.client(), "default-scheduler", "", clock)) {
      V1.Pod pod = server.client().pods("default").create(V1.Pod.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-1").setNamespace("default")).build());
      rec.normal(pod, "Scheduled", "Successfully assigned default/web-1 to node1");
      assertTrue(rec.awaitIdle(Duration.ofSeconds(10)));

      List<V1.Event> events = server.objects(Kinds.EVENT, "default");
      assertEquals(1, events.size());
      V1.Event e = events.get(0);
      long nanos = clock.now().getEpochSecond() * 1_000_000_000L + clock.now().getNano();
      assertEquals("web-1." + Long.toHexString(nanos), e.getMetadata().getName());
      assertEquals("Pod", e.getInvolvedObject().getKind());
      assertEquals("v1", e.getInvolvedObject().getApiVersion());
      assertEquals(pod.getMetadata().getUid(), e.getInvolvedObject().getUid());
      assertEquals("Scheduled", e.getReason());
      assertEquals("Normal", e.getType());
      assertEquals("default-scheduler", e.getSource().getComponent());
      assertEquals(1, e.getCount());
      assertEquals(clock.now().getEpochSecond(), e.getFirstTimestamp().getSeconds());
    }
  }

  @Test
  void eventsAboutManyObjectsAreAllWrittenAndRepeatsStillAggregateWhileSeveralWritersWork() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock); EventRecorder rec =
        new EventRecorder(server.client(), "default-scheduler", "", clock)) {
      V1.Pod repeated = server.client().pods("default").create(V1.Pod.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("again").setNamespace("default")).build());
      for (int i = 0; i < 200; i++) {
        V1.Pod pod = server.client().pods("default").create(V1.Pod.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-" + i).setNamespace("default")).build());
        rec.normal(pod, "Scheduled", "Successfully assigned default/web-" + i + " to node1");
        if (i % 20 == 0) {
          rec.warning(repeated, "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu.");
        }
      }
      assertTrue(rec.awaitIdle(Duration.ofSeconds(30)));
      List<V1.Event> events = server.objects(Kinds.EVENT, "default");
      assertEquals(201, events.size());
      assertEquals(10, events.stream().filter(e -> e.getInvolvedObject().getName().equals("again"))
          .findFirst().orElseThrow().getCount());
    }
  }

  @Test
  void aRepeatedEventBumpsTheCount() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock); EventRecorder rec =
        new EventRecorder(server.client(), "default-scheduler", "", clock)) {
      V1.Pod pod = server.client().pods("default").create(V1.Pod.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-1").setNamespace("default")).build());
      rec.warning(pod, "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu.");
      clock.advance(Duration.ofSeconds(10));
      rec.warning(pod, "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu.");
      assertTrue(rec.awaitIdle(Duration.ofSeconds(10)));
      List<V1.Event> events = server.objects(Kinds.EVENT, "default");
      assertEquals(1, events.size());
      assertEquals(2, events.get(0).getCount());
      assertEquals(clock.now().getEpochSecond(), events.get(0).getLastTimestamp().getSeconds());
    }
  }

  @Test
  void clusterScopedObjectsGetTheirEventsInDefault() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock); EventRecorder rec =
        new EventRecorder(server.client(), "kubelet", "node1", clock)) {
      V1.Node node = server.client().nodes().create(V1.Node.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("node1")).build());
      rec.normal(node, "NodeReady", "Node node1 status is now: NodeReady");
      assertTrue(rec.awaitIdle(Duration.ofSeconds(10)));
      V1.Event e = server.<V1.Event>objects(Kinds.EVENT, "default").get(0);
      assertEquals("node1", e.getSource().getHost());
      assertEquals("", e.getInvolvedObject().getNamespace());
    }
  }

  @Test
  void failuresAreLoggedNotThrown() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock); EventRecorder rec =
        new EventRecorder(server.client(), "x", "", clock)) {
      server.failNext("create", Kinds.EVENT, windlass.client.ApiException.internal("down"));
      rec.normal(V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("p").setNamespace("default"))
          .build(), "R", "m");
      assertTrue(rec.awaitIdle(Duration.ofSeconds(10)));
      assertEquals(0, server.objects(Kinds.EVENT, "").size());
    }
  }
}
