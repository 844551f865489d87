/** The CLI over gRPC: kubeconfig, manifests, printers. */
package windlass.kubectl;
