/** The node network add-on: CNI conflist from Node.spec.podCIDR (bridge + host-local + portmap). */
package windlass.cnibridge;
