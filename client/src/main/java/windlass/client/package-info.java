/** The Java client library: typed resource clients, the upstream JSON/YAML codec, kubeconfig, informers, work queues, controller runner, leader election, Clock. */
package windlass.client;
