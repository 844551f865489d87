/** The scheduler: queue, cache, plugins; binds pods to nodes. */
package windlass.scheduler;
