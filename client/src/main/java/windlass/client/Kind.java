package windlass.client;

import com.google.protobuf.Message;
import java.util.List;
import windlass.api.v1.GroupVersionResource;

/**
 * One served kind: where it lives in the API (group, version, plural resource), its upstream message type, and how
 * users may name it on the command line.
 *
 * @param group API group, "" for core
 * @param version API version within the group
 * @param resource lower-case plural, "deployments"
 * @param kind upstream Kind, "Deployment"
 * @param namespaced whether objects live in a namespace
 * @param hasStatus whether status is a subresource (Update ignores status, UpdateStatus only writes it)
 * @param defaultInstance the client-java-proto message, e.g. {@code V1Apps.Deployment.getDefaultInstance()}
 * @param shortNames upstream short names ("deploy")
 */
public record Kind(
    String group,
    String version,
    String resource,
    String kind,
    boolean namespaced,
    boolean hasStatus,
    Message defaultInstance,
    List<String> shortNames) {

  /** "v1" for core, "apps/v1" otherwise: the manifest's apiVersion. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** "pods" or "deployments.apps": the form upstream uses in messages and RBAC. */
  public String groupResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /** Lower-case kind, the singular name ("deployment"). */
  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  public GroupVersionResource gvr() {
    return GroupVersionResource.newBuilder().setGroup(group).setVersion(version).setResource(resource).build();
  }

  /** The google.protobuf.Any type URL of this kind's objects. */
  public String typeUrl() {
    return "type.googleapis.com/" + defaultInstance.getDescriptorForType().getFullName();
  }
}
