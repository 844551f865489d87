/**
 * The scheduler's view of the cluster: nodes and the pods on them, including pods the scheduler has assumed onto a
 * node before the apiserver confirms the binding, so the next pod does not take the same room.
 */
package windlass.scheduler.cache;
