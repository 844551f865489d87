/** Init/join/token/certs (not built yet). */
package windlass.kubeadm;
