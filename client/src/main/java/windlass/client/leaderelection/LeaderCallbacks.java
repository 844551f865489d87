package windlass.client.leaderelection;

/**
 * What a {@link LeaderElector} tells its owner, as client-go's LeaderCallbacks. The calls come in order on one
 * callback thread, never on the elector's own thread, so a slow callback cannot delay a renewal.
 */
public interface LeaderCallbacks {

  /** This candidate now holds the lease: start the work only the leader does. */
  void onStartedLeading();

  /**
   * The elector stopped: leadership was lost (a renewal failed for renewDeadline) or the elector was stopped. As in
   * client-go this is called whenever the elector ends, also if it never led; components exit here when they led.
   */
  void onStoppedLeading();

  /** The holder of the lease changed (to this candidate, another, or "" once released). */
  default void onNewLeader(String identity) {}
}
