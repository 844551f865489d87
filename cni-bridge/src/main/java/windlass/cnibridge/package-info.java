/**
 * The node network add-on: the CNI conflist for the node's pod CIDR ({@link windlass.cnibridge.BridgeConflist}:
 * bridge + host-local + portmap) and its writer into the runtime's conf dir ({@link windlass.cnibridge.ConflistWriter}).
 */
package windlass.cnibridge;
