package windlass.client.leaderelection;

import com.google.common.util.concurrent.AbstractExecutionThreadService;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Coordination;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;
import windlass.client.ApiException;
import windlass.client.Clock;
import windlass.client.Kinds;
import windlass.client.ResourceClient;
import windlass.client.WindlassClient;

/**
 * Leader election on a coordination/v1 Lease, with client-go's semantics:
 *
 * <ul>
 *   <li>A candidate tries every retryPeriod (jittered) to take the lease. It may when the lease does not exist, has no
 *       holder, or has not changed for the record's leaseDurationSeconds as measured on the candidate's own clock
 *       since it last saw it change (so clocks need not agree, only run at the same rate).
 *   <li>Taking it sets holderIdentity, acquireTime and renewTime (MicroTime), leaseDurationSeconds, and bumps
 *       leaseTransitions; every write carries the read resourceVersion, so of two candidates only one succeeds.
 *   <li>The leader renews every retryPeriod (renewTime only). If renewals keep failing for renewDeadline it stops
 *       leading; the elector then ends (as client-go's Run returns) and {@link LeaderCallbacks#onStoppedLeading} is
 *       called.
 *   <li>With releaseOnCancel, a leader that is stopped writes an empty holder with a 1 s duration.
 * </ul>
 *
 * <p>A Guava {@code Service}: {@code startAsync()} starts campaigning, {@code stopAsync()} stops. All waiting is on
 * the injected {@link Clock}.
 */
public final class LeaderElector extends AbstractExecutionThreadService {
  private static final System.Logger LOG = System.getLogger(LeaderElector.class.getName());

  private final ResourceClient<V1Coordination.Lease> leases;
  private final LeaderElectionConfig config;
  private final LeaderCallbacks callbacks;
  private final Clock clock;
  private final DoubleSupplier random;
  private final ExecutorService callbackThread;
  private volatile Thread runner;
  private volatile boolean stopping;

  // what this candidate last saw, and when (on its clock); guarded by this
  private V1Coordination.Lease observed;
  private Instant observedTime;
  private String reportedLeader;

  public LeaderElector(WindlassClient client, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
    this(client.resource(Kinds.LEASE, V1Coordination.Lease.class).inNamespace(config.namespace()), config, callbacks,
        clock, new Random()::nextDouble);
  }

  /** @param random uniform in [0, 1), for the acquire jitter */
  public LeaderElector(ResourceClient<V1Coordination.Lease> leases, LeaderElectionConfig config,
      LeaderCallbacks callbacks, Clock clock, DoubleSupplier random) {
    this.leases = leases;
    this.config = config;
    this.callbacks = callbacks;
    this.clock = clock;
    this.random = random;
    this.callbackThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leader-election-callbacks-" + config.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether this candidate held the lease when it last looked. */
  public synchronized boolean isLeader() {
    return observed != null && observed.getSpec().getHolderIdentity().equals(config.identity());
  }

  /** The holder this candidate last saw ("" when none). */
  public synchronized String leader() {
    return observed == null ? "" : observed.getSpec().getHolderIdentity();
  }

  public LeaderElectionConfig config() {
    return config;
  }

  @Override
  protected String serviceName() {
    return "leader-elector-" + config.namespace() + "/" + config.name();
  }

  @Override
  protected void run() {
    runner = Thread.currentThread();
    try {
      if (!acquire()) {
        return;
      }
      callbackThread.execute(callbacks::onStartedLeading);
      renew();
      if (stopping && config.releaseOnCancel()) {
        release();
      }
    } catch (InterruptedException e) {
      if (config.releaseOnCancel() && isLeader()) {
        release();
      }
    } finally {
      callbackThread.execute(callbacks::onStoppedLeading);
      callbackThread.shutdown();
    }
  }

  @Override
  protected void triggerShutdown() {
    stopping = true;
    Thread t = runner;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Tries until the lease is ours; false when stopped first. */
  private boolean acquire() throws InterruptedException {
    LOG.log(System.Logger.Level.INFO, "attempting to acquire leader lease " + lockName() + "...");
    while (!stopping) {
      boolean ok = tryAcquireOrRenew();
      reportTransition();
      if (ok) {
        LOG.log(System.Logger.Level.INFO, "successfully acquired lease " + lockName());
        return true;
      }
      long period = config.retryPeriod().toNanos();
      clock.sleep(Duration.ofNanos(period + (long) (random.getAsDouble() * LeaderElectionConfig.JITTER_FACTOR
          * period)));
    }
    return false;
  }

  /** Renews every retryPeriod until a renewal has failed for renewDeadline, or until stopped. */
  private void renew() throws InterruptedException {
    while (!stopping) {
      Instant deadline = clock.now().plus(config.renewDeadline());
      boolean renewed = false;
      while (!stopping) {
        renewed = tryAcquireOrRenew();
        reportTransition();
        if (renewed || !clock.now().plus(config.retryPeriod()).isBefore(deadline)) {
          break;
        }
        clock.sleep(config.retryPeriod());
      }
      if (stopping) {
        return;
      }
      if (!renewed) {
        LOG.log(System.Logger.Level.INFO, "failed to renew lease " + lockName() + ": timed out waiting for the "
            + "condition");
        return;
      }
      clock.sleep(config.retryPeriod());
    }
  }

  /** One try, as client-go's tryAcquireOrRenew; true when this candidate holds the lease afterwards. */
  boolean tryAcquireOrRenew() {
    Instant now = clock.now();
    Meta.MicroTime nowMicro = micro(now);
    V1Coordination.LeaseSpec.Builder want = V1Coordination.LeaseSpec.newBuilder()
        .setHolderIdentity(config.identity())
        .setLeaseDurationSeconds((int) config.leaseDuration().toSeconds())
        .setAcquireTime(nowMicro)
        .setRenewTime(nowMicro);

    // 1. the leader renews straight from what it wrote last
    V1Coordination.Lease mine;
    synchronized (this) {
      mine = isLeader() && leaseValid(now) ? observed : null;
    }
    if (mine != null) {
      want.setAcquireTime(mine.getSpec().getAcquireTime()).setLeaseTransitions(mine.getSpec().getLeaseTransitions());
      try {
        setObserved(leases.update(mine.toBuilder().setSpec(want).build()), now);
        return true;
      } catch (ApiException e) {
        LOG.log(System.Logger.Level.DEBUG, "fast-path renewal of " + lockName() + " failed: " + e.getMessage());
      }
    }

    // 2. read it, or create it
    V1Coordination.Lease old;
    try {
      old = leases.get(config.name());
    } catch (ApiException e) {
      if (e.code() != Code.NOT_FOUND) {
        LOG.log(System.Logger.Level.ERROR, "error retrieving resource lock " + lockName() + ": " + e.getMessage());
        return false;
      }
      try {
        V1Coordination.Lease created = leases.create(V1Coordination.Lease.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName(config.name()).setNamespace(config.namespace()))
            .setSpec(want.setLeaseTransitions(0)).build());
        setObserved(created, now);
        return true;
      } catch (ApiException ce) {
        LOG.log(System.Logger.Level.ERROR, "error initially creating leader election record: " + ce.getMessage());
        return false;
      }
    }

    // 3. someone else's and still valid: wait
    synchronized (this) {
      if (observed == null || !observed.getSpec().equals(old.getSpec())) {
        observed = old;
        observedTime = now;
      }
      if (!old.getSpec().getHolderIdentity().isEmpty() && leaseValid(now) && !isLeader()) {
        LOG.log(System.Logger.Level.DEBUG, "lock " + lockName() + " is held by " + old.getSpec().getHolderIdentity()
            + " and has not yet expired");
        return false;
      }
    }

    // 4. take it (or renew it through the slow path)
    boolean wasLeader = old.getSpec().getHolderIdentity().equals(config.identity());
    if (wasLeader) {
      want.setAcquireTime(old.getSpec().getAcquireTime()).setLeaseTransitions(old.getSpec().getLeaseTransitions());
    } else {
      want.setLeaseTransitions(old.getSpec().getLeaseTransitions() + 1);
    }
    try {
      setObserved(leases.update(old.toBuilder().setSpec(want).build()), now);
      return true;
    } catch (ApiException e) {
      LOG.log(System.Logger.Level.ERROR, "Failed to update lock " + lockName() + ": " + e.getMessage());
      return false;
    }
  }

  private void release() {
    V1Coordination.Lease mine;
    synchronized (this) {
      if (!isLeader()) {
        return;
      }
      mine = observed;
    }
    Meta.MicroTime now = micro(clock.now());
    try {
      V1Coordination.Lease released = leases.update(mine.toBuilder().setSpec(mine.getSpec().toBuilder()
          .setHolderIdentity("").setLeaseDurationSeconds(1).setAcquireTime(now).setRenewTime(now)).build());
      setObserved(released, clock.now());
      LOG.log(System.Logger.Level.INFO, "released lease " + lockName());
    } catch (ApiException e) {
      LOG.log(System.Logger.Level.ERROR, "Failed to release lock " + lockName() + ": " + e.getMessage());
    }
  }

  private synchronized void setObserved(V1Coordination.Lease lease, Instant when) {
    observed = lease;
    observedTime = when;
  }

  /** Holds the monitor: the observed record has not outlived its duration on our clock. */
  private boolean leaseValid(Instant now) {
    return observed != null
        && observedTime.plusSeconds(observed.getSpec().getLeaseDurationSeconds()).isAfter(now);
  }

  private void reportTransition() {
    String holder;
    synchronized (this) {
      holder = leader();
      if (holder.equals(reportedLeader)) {
        return;
      }
      reportedLeader = holder;
    }
    if (!callbackThread.isShutdown()) {
      callbackThread.execute(() -> callbacks.onNewLeader(holder));
    }
  }

  private String lockName() {
    return config.namespace() + "/" + config.name();
  }

  static Meta.MicroTime micro(Instant t) {
    return Meta.MicroTime.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano() / 1000 * 1000).build();
  }
}
