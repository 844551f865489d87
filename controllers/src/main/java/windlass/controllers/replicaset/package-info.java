/** The ReplicaSet controller: keeps spec.replicas pods of a ReplicaSet's template running. */
package windlass.controllers.replicaset;
