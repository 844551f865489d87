package windlass.client.controller;

import windlass.client.ObjectKey;

/**
 * A controller: brings the world in line with the object named {@code key}, reading desired state from listers. Must
 * be idempotent (called twice, it does no harm) and must not assume the object still exists. Throwing requeues the key
 * with backoff; returning {@link Result#done()} forgets its backoff.
 */
@FunctionalInterface
public interface Reconciler {
  Result reconcile(ObjectKey key) throws Exception;
}
