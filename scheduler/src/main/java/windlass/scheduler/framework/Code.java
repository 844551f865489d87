package windlass.scheduler.framework;

/** The outcome of a plugin call, as upstream's framework.Code. */
public enum Code {
  SUCCESS,
  /** Something went wrong inside the scheduler or a call it made; the pod is retried with backoff. */
  ERROR,
  /** The pod does not fit now; preemption (PostFilter) might make room. */
  UNSCHEDULABLE,
  /** The pod does not fit, and preempting pods on this node would not help. */
  UNSCHEDULABLE_AND_UNRESOLVABLE,
  /** A Permit plugin wants the pod to wait. */
  WAIT,
  /** The plugin has nothing to say about this pod (PreFilter: skip its Filter; Bind: let the next binder bind). */
  SKIP
}
