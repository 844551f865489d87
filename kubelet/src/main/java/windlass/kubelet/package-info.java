/** The node agent: registration, heartbeat, pod workers on a CRI runtime, status, logs. */
package windlass.kubelet;
