package windlass.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import windlass.api.v1.GroupVersionResource;

/**
 * The kinds windlass serves, in one table shared by the apiserver (registry, discovery), kubectl (name resolution,
 * printing) and the codec (apiVersion + kind to message type). New kinds are one line here plus their strategy in the
 * apiserver.
 */
public final class Kinds {
  public static final Kind NAMESPACE = core("namespaces", "Namespace", false, true, V1.Namespace.getDefaultInstance(), "ns");
  public static final Kind NODE = core("nodes", "Node", false, true, V1.Node.getDefaultInstance(), "no");
  public static final Kind POD = core("pods", "Pod", true, true, V1.Pod.getDefaultInstance(), "po");
  public static final Kind SERVICE = core("services", "Service", true, true, V1.Service.getDefaultInstance(), "svc");
  public static final Kind EVENT = core("events", "Event", true, false, V1.Event.getDefaultInstance(), "ev");
  public static final Kind DEPLOYMENT =
      apps("deployments", "Deployment", V1Apps.Deployment.getDefaultInstance(), "deploy");
  public static final Kind REPLICA_SET = apps("replicasets", "ReplicaSet", V1Apps.ReplicaSet.getDefaultInstance(), "rs");
  public static final Kind DAEMON_SET = apps("daemonsets", "DaemonSet", V1Apps.DaemonSet.getDefaultInstance(), "ds");
  public static final Kind STATEFUL_SET =
      apps("statefulsets", "StatefulSet", V1Apps.StatefulSet.getDefaultInstance(), "sts");
  public static final Kind CONTROLLER_REVISION = grouped("apps", "v1", "controllerrevisions", "ControllerRevision",
      true, false, V1Apps.ControllerRevision.getDefaultInstance());
  public static final Kind JOB =
      grouped("batch", "v1", "jobs", "Job", true, true, V1Batch.Job.getDefaultInstance());
  public static final Kind CRON_JOB =
      grouped("batch", "v1", "cronjobs", "CronJob", true, true, V1Batch.CronJob.getDefaultInstance(), "cj");
  public static final Kind HORIZONTAL_POD_AUTOSCALER = grouped("autoscaling", "v2", "horizontalpodautoscalers",
      "HorizontalPodAutoscaler", true, true, V2Autoscaling.HorizontalPodAutoscaler.getDefaultInstance(), "hpa");
  public static final Kind ENDPOINT_SLICE = grouped("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice",
      true, false, V1Discovery.EndpointSlice.getDefaultInstance());
  public static final Kind INGRESS = grouped("networking.k8s.io", "v1", "ingresses", "Ingress", true, true,
      V1Networking.Ingress.getDefaultInstance(), "ing");
  public static final Kind ROLE = grouped("rbac.authorization.k8s.io", "v1", "roles", "Role", true, false,
      V1Rbac.Role.getDefaultInstance());
  public static final Kind CLUSTER_ROLE = grouped("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole",
      false, false, V1Rbac.ClusterRole.getDefaultInstance());
  public static final Kind ROLE_BINDING = grouped("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding",
      true, false, V1Rbac.RoleBinding.getDefaultInstance());
  public static final Kind CLUSTER_ROLE_BINDING = grouped("rbac.authorization.k8s.io", "v1", "clusterrolebindings",
      "ClusterRoleBinding", false, false, V1Rbac.ClusterRoleBinding.getDefaultInstance());
  public static final Kind CERTIFICATE_SIGNING_REQUEST = grouped("certificates.k8s.io", "v1",
      "certificatesigningrequests", "CertificateSigningRequest", false, true,
      V1Certificates.CertificateSigningRequest.getDefaultInstance(), "csr");
  public static final Kind LEASE = new Kind("coordination.k8s.io", "v1", "leases", "Lease", true, false,
      io.kubernetes.client.proto.V1Coordination.Lease.getDefaultInstance(), List.of());
  public static final Kind CONFIG_MAP = core("configmaps", "ConfigMap", true, false, V1.ConfigMap.getDefaultInstance(), "cm");
  public static final Kind SECRET = core("secrets", "Secret", true, false, V1.Secret.getDefaultInstance());
  public static final Kind SERVICE_ACCOUNT =
      core("serviceaccounts", "ServiceAccount", true, false, V1.ServiceAccount.getDefaultInstance(), "sa");
  public static final Kind ENDPOINTS = core("endpoints", "Endpoints", true, false, V1.Endpoints.getDefaultInstance(), "ep");
  public static final Kind PERSISTENT_VOLUME =
      core("persistentvolumes", "PersistentVolume", false, true, V1.PersistentVolume.getDefaultInstance(), "pv");
  public static final Kind PERSISTENT_VOLUME_CLAIM = core("persistentvolumeclaims", "PersistentVolumeClaim", true, true,
      V1.PersistentVolumeClaim.getDefaultInstance(), "pvc");
  public static final Kind RESOURCE_QUOTA =
      core("resourcequotas", "ResourceQuota", true, true, V1.ResourceQuota.getDefaultInstance(), "quota");
  public static final Kind LIMIT_RANGE =
      core("limitranges", "LimitRange", true, false, V1.LimitRange.getDefaultInstance(), "limits");
  public static final Kind POD_DISRUPTION_BUDGET = new Kind("policy", "v1", "poddisruptionbudgets",
      "PodDisruptionBudget", true, true, V1Policy.PodDisruptionBudget.getDefaultInstance(), List.of("pdb"));

  public static final Kind PRIORITY_CLASS = new Kind("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass",
      false, false, io.kubernetes.client.proto.V1Scheduling.PriorityClass.getDefaultInstance(), List.of("pc"));

  private static final List<Kind> ALL = List.of(NAMESPACE, NODE, POD, SERVICE, EVENT, DEPLOYMENT, REPLICA_SET,
      CONFIG_MAP, SECRET, SERVICE_ACCOUNT, ENDPOINTS, PERSISTENT_VOLUME, PERSISTENT_VOLUME_CLAIM, RESOURCE_QUOTA,
      LIMIT_RANGE, POD_DISRUPTION_BUDGET,
      DAEMON_SET, STATEFUL_SET, CONTROLLER_REVISION, JOB, CRON_JOB, HORIZONTAL_POD_AUTOSCALER, ENDPOINT_SLICE, INGRESS,
      ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING, CERTIFICATE_SIGNING_REQUEST, LEASE, PRIORITY_CLASS);
  private static final Map<String, Kind> BY_TYPE_URL = new LinkedHashMap<>();

  static {
    for (Kind k : ALL) {
      BY_TYPE_URL.put(k.typeUrl(), k);
    }
  }

  private Kinds() {}

  public static List<Kind> all() {
    return ALL;
  }

  /**
   * What a user typed: plural, singular, kind or short name, optionally qualified with the group
   * ("deployments.apps"), case-insensitive, as kubectl resolves it.
   */
  public static Optional<Kind> resolve(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String group = null;
    int dot = n.indexOf('.');
    if (dot > 0) {
      group = n.substring(dot + 1);
      n = n.substring(0, dot);
    }
    for (Kind k : ALL) {
      if (group != null && !k.group().equals(group)) {
        continue;
      }
      if (k.resource().equals(n) || k.singular().equals(n) || k.shortNames().contains(n)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The kind a manifest names with apiVersion and kind. */
  public static Optional<Kind> forApiVersionKind(String apiVersion, String kind) {
    return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
  }

  public static Optional<Kind> forGvr(GroupVersionResource gvr) {
    return ALL.stream()
        .filter(k -> k.group().equals(gvr.getGroup())
            && k.version().equals(gvr.getVersion())
            && k.resource().equals(gvr.getResource()))
        .findFirst();
  }

  public static Optional<Kind> forMessage(Message m) {
    return Optional.ofNullable(BY_TYPE_URL.get("type.googleapis.com/" + m.getDescriptorForType().getFullName()));
  }

  /** Unpacks an object of a served kind; the Any's type URL picks the message type. */
  public static Message unpackAny(Any any) {
    Kind k = BY_TYPE_URL.get(any.getTypeUrl());
    if (k == null) {
      throw new IllegalArgumentException("no kind is served for type " + any.getTypeUrl());
    }
    try {
      return k.defaultInstance().getParserForType().parseFrom(any.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed " + k.kind() + ": " + e.getMessage(), e);
    }
  }

  private static Kind core(String resource, String kind, boolean namespaced, boolean status, Message def, String... sn) {
    return new Kind("", "v1", resource, kind, namespaced, status, def, List.of(sn));
  }

  private static Kind apps(String resource, String kind, Message def, String... sn) {
    return new Kind("apps", "v1", resource, kind, true, true, def, List.of(sn));
  }

  private static Kind grouped(String group, String version, String resource, String kind, boolean namespaced,
      boolean status, Message def, String... sn) {
    return new Kind(group, version, resource, kind, namespaced, status, def, List.of(sn));
  }
}
