/** Kube-proxy: Services + EndpointSlices to iptables (not built yet). */
package windlass.proxy;
