/** The Deployment controller: one ReplicaSet per pod template, scaled to the deployment's replicas. */
package windlass.controllers.deployment;
