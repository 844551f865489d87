/**
 * Work queues for controllers, in three thin layers as client-go's (conventions §1): {@link
 * windlass.client.workqueue.WorkQueue} (add, get, done, shutDown; deduplicating, never handing one item to two
 * workers), {@link windlass.client.workqueue.DelayingQueue} (adds addAfter over an injected Clock) and {@link
 * windlass.client.workqueue.RateLimitingQueue} (adds addRateLimited/forget with per-item backoff).
 */
package windlass.client.workqueue;
