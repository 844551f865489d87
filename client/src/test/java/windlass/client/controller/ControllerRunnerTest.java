package windlass.client.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.ObjectKey;
import windlass.client.informer.SharedInformer;
import windlass.client.testing.FakeApiServer;

class ControllerRunnerTest {
  private final FakeClock clock = new FakeClock();
  private final ObjectKey key = new ObjectKey("default", "web");

  @Test
  void successForgetsTheKeysBackoff() throws Exception {
    ControllerRunner r = new ControllerRunner("test", k -> Result.done(), clock, 1, List.of());
    r.queue().addRateLimited(key);
    r.queue().addRateLimited(key);
    clock.advance(Duration.ofSeconds(1));
    assertTrue(r.processNextIfAny());
    assertEquals(0, r.queue().numRequeues(key));
    assertEquals(0, r.queue().len());
  }

  @Test
  void failuresAreRetriedWithGrowingBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ControllerRunner r = new ControllerRunner("test", k -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("not yet");
      }
      return Result.done();
    }, clock, 1, List.of());
    r.enqueue(key);
    assertTrue(r.processNextIfAny());
    assertEquals(1, r.queue().numRequeues(key));
    assertFalse(r.processNextIfAny(), "retried only after the backoff");
    clock.advance(Duration.ofMillis(5));
    assertTrue(r.processNextIfAny());
    clock.advance(Duration.ofMillis(9));
    assertFalse(r.processNextIfAny(), "second retry waits 10 ms");
    clock.advance(Duration.ofMillis(1));
    assertTrue(r.processNextIfAny());
    assertEquals(3, calls.get());
    assertEquals(0, r.queue().numRequeues(key));
  }

  @Test
  void requeueAfterComesBackAfterThatTime() throws Exception {
    ControllerRunner r = new ControllerRunner("test", k -> Result.requeueAfter(Duration.ofSeconds(30)), clock, 1,
        List.of());
    r.enqueue(key);
    assertTrue(r.processNextIfAny());
    clock.advance(Duration.ofSeconds(29));
    assertEquals(0, r.queue().len());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, r.queue().len());
  }

  @Test
  void workersReconcileKeysFromInformerEventsOnceSynced() throws Exception {
    try (FakeApiServer server = new FakeApiServer(clock)) {
      var client = server.client();
      client.pods("default").create(V1.Pod.newBuilder()
          .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default")).build());
      SharedInformer<V1.Pod> pods = new SharedInformer<>(client.pods(""), clock);
      BlockingQueue<String> seen = new LinkedBlockingQueue<>();
      ControllerRunner r = new ControllerRunner("pods", k -> {
        seen.add(k + " " + pods.lister().get(k).isPresent());
        return Result.done();
      }, clock, 2, List.of(pods));
      pods.addEventHandler(r.enqueueObject());
      pods.start();
      r.startAsync().awaitRunning(10, TimeUnit.SECONDS);
      assertEquals("default/web true", seen.poll(10, TimeUnit.SECONDS));
      client.pods("default").delete("web");
      assertEquals("default/web false", seen.poll(10, TimeUnit.SECONDS));
      r.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
      pods.close();
    }
  }
}
