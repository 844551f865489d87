/**
 * The controller worker loop, written once (conventions §2): event handlers enqueue {@link windlass.client.ObjectKey}s,
 * {@link windlass.client.controller.ControllerRunner} workers pop them and call {@link
 * windlass.client.controller.Reconciler#reconcile}, requeueing failures with per-key backoff.
 */
package windlass.client.controller;
