package windlass.controllers.garbagecollector;

/** What an owner reference points at, as upstream's collector classifies it. */
enum OwnerState {
  /** The owner exists and is not waiting for its dependents: the dependent stays. */
  SOLID,
  /** The owner is gone (absent, or another object with a different uid under its name). */
  DANGLING,
  /** The owner is being deleted in the foreground (finalizer foregroundDeletion). */
  WAITING_FOR_DEPENDENTS
}
