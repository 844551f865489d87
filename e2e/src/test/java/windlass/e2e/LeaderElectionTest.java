package windlass.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.V1Coordination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.apiserver.ApiServer;
import windlass.client.FakeClock;
import windlass.client.WindlassClient;
import windlass.client.leaderelection.LeaderCallbacks;
import windlass.client.leaderelection.LeaderElectionConfig;
import windlass.client.leaderelection.LeaderElector;

/**
 * Two kube-scheduler candidates against the real apiserver's Lease strategy (SQLite, in-process gRPC), their waits on
 * a FakeClock: one leads, the other takes over once the leader stops renewing.
 */
class LeaderElectionTest {
  @TempDir
  Path dataDir;

  private static final LeaderCallbacks QUIET = new LeaderCallbacks() {
    @Override
    public void onStartedLeading() {}

    @Override
    public void onStoppedLeading() {}
  };

  @Test
  void theSecondSchedulerTakesOverWhenTheFirstStopsRenewing() throws Exception {
    String name = "leader-election-" + UUID.randomUUID();
    ApiServer apiServer = new ApiServer(ApiServer.Config.of(dataDir), InProcessServerBuilder.forName(name));
    apiServer.startAsync().awaitRunning(30, TimeUnit.SECONDS);
    FakeClock clock = new FakeClock();
    try (WindlassClient client = new WindlassClient(InProcessChannelBuilder.forName(name).build(), true)) {
      var leases = client.leases("kube-system");
      LeaderElector a = new LeaderElector(leases,
          LeaderElectionConfig.defaults("kube-system", "kube-scheduler", "a"), QUIET, clock, () -> 0.0);
      LeaderElector b = new LeaderElector(leases,
          LeaderElectionConfig.defaults("kube-system", "kube-scheduler", "b"), QUIET, clock, () -> 0.0);
      a.startAsync();
      b.startAsync();
      assertTrue(clock.awaitPendingTimers(2, Duration.ofSeconds(30)), "both sleep: one leads, one waits");
      assertTrue(a.isLeader() != b.isLeader(), "exactly one leads");
      LeaderElector leader = a.isLeader() ? a : b;
      LeaderElector other = leader == a ? b : a;
      leader.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
      int seconds = 0;
      while (!other.isLeader() && seconds < 30) {
        assertTrue(clock.awaitPendingTimers(1, Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(1));
        seconds++;
        // wait until the woken candidate has finished its try and sleeps again
        assertTrue(clock.awaitPendingTimers(1, Duration.ofSeconds(30)));
      }
      assertTrue(other.isLeader(), "took over within " + seconds + " s");
      assertTrue(seconds >= 15, "not before the lease duration: " + seconds + " s");
      assertFalse(leader.isRunning());
      V1Coordination.Lease lease = leases.get("kube-scheduler");
      assertEquals(other == a ? "a" : "b", lease.getSpec().getHolderIdentity());
      assertEquals(1, lease.getSpec().getLeaseTransitions());
      other.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    } finally {
      apiServer.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    }
  }
}
