package windlass.client.leaderelection;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.Service;
import windlass.client.Clock;
import windlass.client.WindlassClient;

/**
 * Runs {@code work} only while this process holds the lease: starting it campaigns, leading starts the work, losing
 * the lease calls {@code onLost} (the process is expected to exit, as upstream's components do, since the work may
 * have state that assumed leadership). Stopping stops the work first, then releases the lease (releaseOnCancel) so
 * another candidate takes over at its next retry.
 */
public final class LeaderElectedService extends AbstractIdleService {
  private static final System.Logger LOG = System.getLogger(LeaderElectedService.class.getName());

  private final Service work;
  private final LeaderElector elector;
  private final Runnable onLost;
  private volatile boolean stopping;
  private volatile boolean led;

  public LeaderElectedService(WindlassClient client, LeaderElectionConfig config, Service work, Clock clock,
      Runnable onLost) {
    this.work = work;
    this.onLost = onLost;
    this.elector = new LeaderElector(client, config, new LeaderCallbacks() {
      @Override
      public void onStartedLeading() {
        synchronized (LeaderElectedService.this) {
          led = true;
          if (!stopping) {
            work.startAsync();
          }
        }
      }

      @Override
      public void onStoppedLeading() {
        if (led && !stopping) {
          LOG.log(System.Logger.Level.ERROR, "leaderelection lost");
          work.stopAsync();
          onLost.run();
        }
      }

      @Override
      public void onNewLeader(String identity) {
        if (!identity.equals(config.identity())) {
          LOG.log(System.Logger.Level.INFO, "new leader elected: " + (identity.isEmpty() ? "(none)" : identity));
        }
      }
    }, clock);
  }

  public LeaderElector elector() {
    return elector;
  }

  @Override
  protected void startUp() {
    elector.startAsync().awaitRunning();
  }

  @Override
  protected void shutDown() {
    synchronized (this) {
      stopping = true;
    }
    if (work.state() != State.NEW) {
      work.stopAsync().awaitTerminated();
    }
    elector.stopAsync().awaitTerminated();
  }
}
