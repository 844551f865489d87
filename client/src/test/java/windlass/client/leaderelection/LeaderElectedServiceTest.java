package windlass.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.Service;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import windlass.client.FakeClock;
import windlass.client.Kinds;
import windlass.client.WindlassClient;
import windlass.client.testing.FakeApiServer;

/** Two replicas of a component: only the leader's work runs; stopping it hands the work to the other. */
class LeaderElectedServiceTest {
  static final class Work extends AbstractIdleService {
    @Override
    protected void startUp() {}

    @Override
    protected void shutDown() {}
  }

  @Test
  void onlyTheLeadersWorkRunsAndAStoppedLeaderHandsOver() throws Exception {
    FakeClock clock = new FakeClock();
    try (FakeApiServer server = new FakeApiServer(clock); WindlassClient client = server.client()) {
      LeaderElectionConfig base = LeaderElectionConfig.defaults("kube-system", "kube-scheduler", "one")
          .withReleaseOnCancel(true);
      Work w1 = new Work();
      Work w2 = new Work();
      LeaderElectedService s1 = new LeaderElectedService(client, base, w1, clock, () -> {});
      s1.startAsync().awaitRunning();
      w1.awaitRunning(10, TimeUnit.SECONDS);
      LeaderElectedService s2 = new LeaderElectedService(client,
          new LeaderElectionConfig("kube-system", "kube-scheduler", "two", base.leaseDuration(), base.renewDeadline(),
              base.retryPeriod(), true), w2, clock, () -> {});
      s2.startAsync().awaitRunning();
      clock.awaitPendingTimers(2, Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(5));
      clock.awaitPendingTimers(2, Duration.ofSeconds(10));
      assertEquals(Service.State.NEW, w2.state(), "the second replica waits");

      s1.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
      assertEquals(Service.State.TERMINATED, w1.state());
      server.awaitOrFail(Duration.ofSeconds(10), "the lease released", () -> server.objects(Kinds.LEASE, "kube-system")
          .stream().anyMatch(l -> ((io.kubernetes.client.proto.V1Coordination.Lease) l).getSpec().getHolderIdentity()
              .isEmpty()));
      while (w2.state() == Service.State.NEW) {
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));
        server.await(Duration.ofMillis(100), () -> w2.state() != Service.State.NEW); // a poll, false is fine
      }
      w2.awaitRunning(10, TimeUnit.SECONDS);
      assertEquals(Service.State.RUNNING, w2.state());
      s2.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
    }
  }
}
