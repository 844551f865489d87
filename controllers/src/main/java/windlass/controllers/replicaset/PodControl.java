package windlass.controllers.replicaset;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.WindlassClient;
import windlass.client.events.EventRecorder;
import windlass.controllers.ownership.ControllerRef;

/**
 * Creates and deletes a controller's pods and records the events upstream's PodControl records on the owner:
 * SuccessfulCreate "Created pod: web-7d4b9c-x2k4p", FailedCreate "Error creating: ...", SuccessfulDelete
 * "Deleted pod: ...", FailedDelete "Error deleting: ...".
 */
public final class PodControl {
  private final WindlassClient client;
  private final EventRecorder recorder;

  public PodControl(WindlassClient client, EventRecorder recorder) {
    this.client = client;
    this.recorder = recorder;
  }

  /**
   * Creates a pod from {@code template} named {@code <owner>-<random suffix>} (generateName), with the template's
   * labels, annotations and finalizers and a controller reference to {@code owner}.
   */
  public V1.Pod createFromTemplate(String namespace, V1.PodTemplateSpec template, Message owner, Kind ownerKind) {
    Meta.ObjectMeta ownerMeta = windlass.client.ObjectMetas.of(owner);
    Meta.ObjectMeta.Builder m = Meta.ObjectMeta.newBuilder()
        .setNamespace(namespace)
        .setGenerateName(ownerMeta.getName() + "-")
        .putAllLabels(template.getMetadata().getLabelsMap())
        .putAllAnnotations(template.getMetadata().getAnnotationsMap())
        .addAllFinalizers(template.getMetadata().getFinalizersList())
        .addOwnerReferences(ControllerRef.to(owner, ownerKind));
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(m).setSpec(template.getSpec()).build();
    try {
      V1.Pod created = client.pods(namespace).create(pod);
      recorder.normal(owner, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
      return created;
    } catch (ApiException e) {
      recorder.warning(owner, "FailedCreate", "Error creating: " + e.getMessage());
      throw e;
    }
  }

  /** Deletes {@code pod}; a pod already gone counts as deleted (no event). */
  public void delete(V1.Pod pod, Message owner) {
    try {
      client.pods(pod.getMetadata().getNamespace()).delete(pod.getMetadata().getName());
      recorder.normal(owner, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
    } catch (ApiException e) {
      if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
        return;
      }
      recorder.warning(owner, "FailedDelete", "Error deleting: " + e.getMessage());
      throw e;
    }
  }
}
