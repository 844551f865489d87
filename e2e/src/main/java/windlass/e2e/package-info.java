/** Whole-cluster tests on real containerd, CNI and iptables; the module dependency rule test. */
package windlass.e2e;
