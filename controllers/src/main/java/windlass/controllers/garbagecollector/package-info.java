/**
 * The garbage collector: deletes objects whose owners (metadata.ownerReferences) are gone, finishes Foreground
 * deletions (finalizer foregroundDeletion) once the blocking dependents are gone and Orphan deletions (finalizer
 * orphan) once the dependents no longer name the owner, as upstream's garbage collector controller.
 */
package windlass.controllers.garbagecollector;
