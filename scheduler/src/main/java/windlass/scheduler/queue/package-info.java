/**
 * The scheduling queue, as upstream's PriorityQueue: activeQ (pods to try now, by priority then age), backoffQ (pods
 * that failed, waiting out an exponential backoff) and the unschedulable pods (waiting for a cluster change).
 */
package windlass.scheduler.queue;
