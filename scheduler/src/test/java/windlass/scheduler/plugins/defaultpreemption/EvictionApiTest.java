package windlass.scheduler.plugins.defaultpreemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;
import windlass.client.testing.FakeApiServer;
import windlass.scheduler.testing.MakePod;

class EvictionApiTest {
  private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_000));
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private final EventRecorder recorder = new EventRecorder(client, "default-scheduler", "", clock);
  private final EvictionApi api = new EvictionApi(client, name -> name.equals("default-scheduler") ? recorder : null,
      clock);
  private final V1.Pod preemptor = MakePod.named("high").build().toBuilder()
      .setMetadata(MakePod.named("high").build().getMetadata().toBuilder().setUid("uid-high")).build();

  @AfterEach
  void tearDown() {
    recorder.close();
    server.close();
  }

  private V1.Pod victim() {
    return client.pods("default").create(MakePod.named("low").node("n1").build());
  }

  private List<V1.Event> events() throws InterruptedException {
    assertTrue(recorder.awaitIdle(Duration.ofSeconds(10)));
    return server.<V1.Event>objects(Kinds.EVENT, "default");
  }

  private V1.PodCondition disruptionTarget(String name) {
    return server.<V1.Pod>object(Kinds.POD, "default", name).orElseThrow().getStatus().getConditionsList().stream()
        .filter(c -> c.getType().equals("DisruptionTarget")).findFirst().orElseThrow();
  }

  @Test
  void marksTheVictimAsADisruptionTargetThenEvictsItAndRecordsPreempted() throws Exception {
    V1.Pod low = victim();
    api.evict(low, preemptor, "n1");
    assertEquals(List.of("updateStatus", "eviction"), server.actions().stream()
        .filter(a -> a.kind().equals(Kinds.POD) && !a.verb().equals("create")).map(FakeApiServer.Action::verb)
        .toList());
    assertTrue(server.object(Kinds.POD, "default", "low").isEmpty(), "evicted");
    List<V1.Event> events = events();
    assertEquals(1, events.size());
    V1.Event e = events.get(0);
    assertEquals("Normal", e.getType());
    assertEquals("Preempted", e.getReason());
    assertEquals("Preempted by pod uid-high on node n1", e.getMessage());
    assertEquals("low", e.getInvolvedObject().getName());
    assertEquals(low.getMetadata().getUid(), e.getInvolvedObject().getUid());
  }

  @Test
  void aRefusedEvictionLeavesTheConditionThrowsAndRecordsNoEvent() throws Exception {
    V1.Pod low = victim();
    server.failNext("eviction", Kinds.POD, new ApiException(io.grpc.Status.Code.RESOURCE_EXHAUSTED,
        Meta.Status.newBuilder().setCode(429).setReason("TooManyRequests")
            .setMessage("Cannot evict pod as it would violate the pod's disruption budget.").build()));
    ApiException e = assertThrows(ApiException.class, () -> api.evict(low, preemptor, "n1"));
    assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, e.code());
    V1.PodCondition c = disruptionTarget("low");
    assertEquals("True", c.getStatus());
    assertEquals("PreemptionByScheduler", c.getReason());
    assertEquals("default-scheduler: preempting to accommodate a higher priority pod", c.getMessage());
    assertEquals(1_000, c.getLastTransitionTime().getSeconds());
    assertEquals(List.of(), events());
  }

  @Test
  void theConditionNamesThePreemptorsScheduler() throws Exception {
    V1.Pod low = victim();
    server.failNext("eviction", Kinds.POD, ApiException.internal("boom"));
    V1.Pod custom = preemptor.toBuilder().setSpec(preemptor.getSpec().toBuilder().setSchedulerName("bin-packing"))
        .build();
    assertThrows(ApiException.class, () -> api.evict(low, custom, "n1"));
    assertEquals("bin-packing: preempting to accommodate a higher priority pod", disruptionTarget("low").getMessage());
  }

  @Test
  void aVictimAlreadyMarkedIsNotUpdatedAgain() throws Exception {
    V1.Pod low = victim();
    server.failNext("eviction", Kinds.POD, ApiException.internal("boom"));
    assertThrows(ApiException.class, () -> api.evict(low, preemptor, "n1"));
    V1.Pod marked = server.<V1.Pod>object(Kinds.POD, "default", "low").orElseThrow();
    clock.advance(Duration.ofSeconds(30));
    api.evict(marked, preemptor, "n1");
    assertEquals(1, server.actions("updateStatus", Kinds.POD).size());
    assertTrue(server.object(Kinds.POD, "default", "low").isEmpty());
  }

  @Test
  void aVictimAlreadyGoneCountsAsPreemptedWithoutAnEvent() throws Exception {
    V1.Pod low = victim();
    client.pods("default").delete("low");
    api.evict(low, preemptor, "n1");
    assertEquals(List.of(), server.actions("eviction", Kinds.POD));
    assertEquals(List.of(), events());
  }
}
