package windlass.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.ResourceClient;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;

/** Two candidates for one Lease on a FakeClock against the FakeApiServer: client-go's leader election. */
class LeaderElectorTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final FakeApiServer server = new FakeApiServer(clock);
  private final WindlassClient client = server.client();
  private final ResourceClient<V1Coordination.Lease> leases =
      client.resource(Kinds.LEASE, V1Coordination.Lease.class).inNamespace("kube-system");
  private final List<LeaderElector> electors = new CopyOnWriteArrayList<>();

  /** Records what the callbacks said, in order. */
  static final class Recorder implements LeaderCallbacks {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onStartedLeading() {
      calls.add("started");
    }

    @Override
    public void onStoppedLeading() {
      calls.add("stopped");
    }

    @Override
    public void onNewLeader(String identity) {
      calls.add("leader " + identity);
    }
  }

  private LeaderElector candidate(String identity, Recorder rec, boolean release) {
    LeaderElectionConfig cfg = LeaderElectionConfig.defaults("kube-system", "kube-scheduler", identity)
        .withReleaseOnCancel(release);
    LeaderElector e = new LeaderElector(leases, cfg, rec, clock, () -> 0.0);
    electors.add(e);
    return e;
  }

  private V1Coordination.Lease lease() {
    return server.<V1Coordination.Lease>object(Kinds.LEASE, "kube-system", "kube-scheduler").orElseThrow();
  }

  /**
   * Advances the clock one step at a time, each once every running elector waits on it (so none is mid-call), until
   * {@code done}.
   */
  private void advanceUntil(BooleanSupplier done, Duration step, Duration max) throws InterruptedException {
    Duration moved = Duration.ZERO;
    while (true) {
      await(() -> done.getAsBoolean()
          || clock.pendingTimers() >= electors.stream().filter(LeaderElector::isRunning).count());
      if (done.getAsBoolean()) {
        return;
      }
      if (moved.compareTo(max) > 0) {
        throw new AssertionError("condition not reached within " + max + " of fake time");
      }
      clock.advance(step);
      moved = moved.plus(step);
    }
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polls state, no timing assumed
    }
  }

  @AfterEach
  void stop() {
    electors.forEach(e -> e.stopAsync());
    client.close();
    server.close();
  }

  @Test
  void oneLeadsAndTheOtherTakesOverAfterTheLeaderStopsRenewing() throws Exception {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    LeaderElector ea = candidate("a", a, false);
    ea.startAsync();
    await(() -> a.calls.contains("started"));
    V1Coordination.Lease first = lease();
    assertEquals("a", first.getSpec().getHolderIdentity());
    assertEquals(15, first.getSpec().getLeaseDurationSeconds());
    assertEquals(0, first.getSpec().getLeaseTransitions());
    assertEquals(clock.now().getEpochSecond(), first.getSpec().getAcquireTime().getSeconds());

    LeaderElector eb = candidate("b", b, false);
    eb.startAsync();
    // while a renews, b never gets in: 60 s of fake time
    Instant until = clock.now().plusSeconds(60);
    advanceUntil(() -> !clock.now().isBefore(until), Duration.ofSeconds(1), Duration.ofSeconds(61));
    assertTrue(ea.isLeader());
    assertFalse(eb.isLeader());
    assertEquals("a", eb.leader());
    assertEquals(List.of("leader a"), b.calls);
    assertTrue(lease().getSpec().getRenewTime().getSeconds() > first.getSpec().getRenewTime().getSeconds(),
        "a renewed");
    assertEquals(first.getSpec().getAcquireTime(), lease().getSpec().getAcquireTime(), "renewals keep acquireTime");

    // a stops renewing without releasing (a crash, as far as b can tell)
    ea.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
    await(() -> a.calls.contains("stopped"));
    electors.remove(ea);
    Instant stoppedAt = clock.now();
    advanceUntil(eb::isLeader, Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertTrue(Duration.between(stoppedAt, clock.now()).toSeconds() >= 14, "b waited out the lease duration");
    await(() -> b.calls.contains("started"));
    V1Coordination.Lease taken = lease();
    assertEquals("b", taken.getSpec().getHolderIdentity());
    assertEquals(1, taken.getSpec().getLeaseTransitions());
    assertEquals(clock.now().getEpochSecond(), taken.getSpec().getAcquireTime().getSeconds());
    assertEquals(List.of("leader a", "leader b", "started"), b.calls);
    assertEquals(List.of("leader a", "started", "stopped"), a.calls);
  }

  @Test
  void aLeaderThatReleasesOnStopHandsOverAtTheNextRetry() throws Exception {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    LeaderElector ea = candidate("a", a, true);
    ea.startAsync();
    await(() -> a.calls.contains("started"));
    LeaderElector eb = candidate("b", b, true);
    eb.startAsync();
    assertTrue(clock.awaitPendingTimers(2, Duration.ofSeconds(10)));
    ea.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
    electors.remove(ea);
    assertEquals("", lease().getSpec().getHolderIdentity());
    assertEquals(1, lease().getSpec().getLeaseDurationSeconds());
    advanceUntil(eb::isLeader, Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertEquals(1, lease().getSpec().getLeaseTransitions());
  }

  @Test
  void aLeaderWhoseRenewalsFailForTheRenewDeadlineStopsLeading() throws Exception {
    Recorder a = new Recorder();
    LeaderElector ea = candidate("a", a, false);
    ea.startAsync();
    await(() -> a.calls.contains("started"));
    ApiException down = ApiException.from(Status.UNAVAILABLE.withDescription("apiserver down").asRuntimeException());
    for (int i = 0; i < 20; i++) {
      server.failNext("update", Kinds.LEASE, down);
      server.failNext("get", Kinds.LEASE, down);
    }
    advanceUntil(() -> !ea.isRunning(), Duration.ofSeconds(1), Duration.ofSeconds(20));
    ea.awaitTerminated(10, TimeUnit.SECONDS);
    await(() -> a.calls.contains("stopped"));
    assertEquals(List.of("leader a", "started", "stopped"), a.calls);
  }

  @Test
  void ofTwoCandidatesWritingTheSameResourceVersionOnlyOneWins() throws Exception {
    LeaderElector ea = candidate("a", new Recorder(), false);
    LeaderElector eb = candidate("b", new Recorder(), false);
    assertTrue(ea.tryAcquireOrRenew());
    // a goes quiet; both b and c see the lease expire and race for it with the same resourceVersion
    assertFalse(eb.tryAcquireOrRenew());
    clock.advance(Duration.ofSeconds(16));
    LeaderElector ec = candidate("c", new Recorder(), false);
    assertFalse(ec.tryAcquireOrRenew(), "c saw it just now: it has not expired for c");
    V1Coordination.Lease stale = lease();
    assertTrue(eb.tryAcquireOrRenew());
    assertThrows(ApiException.class, () -> leases.update(stale.toBuilder()
        .setSpec(stale.getSpec().toBuilder().setHolderIdentity("c")).build()));
    assertEquals("b", lease().getSpec().getHolderIdentity());
  }

  @Test
  void theDurationsAreCheckedAsClientGoDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeaderElectionConfig(
        "kube-system", "x", "a", Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2), false));
    assertEquals("leaseDuration must be greater than renewDeadline", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LeaderElectionConfig(
        "kube-system", "x", "a", Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2), false));
    assertEquals("renewDeadline must be greater than retryPeriod*JitterFactor", e.getMessage());
  }
}
