/** All .proto contracts (windlass.api.v1, windlass.kubelet.v1, CRI runtime.v1, device plugin v1beta1, podresources v1) and their generated Java stubs. */
package windlass.proto;
