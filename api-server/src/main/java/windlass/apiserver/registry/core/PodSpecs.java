package windlass.apiserver.registry.core;

import windlass.client.Quantities;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import windlass.client.FieldError;
import windlass.client.validation.NameFormats;

/**
 * Pod spec defaulting and validation shared by pods and pod templates (Deployment, ReplicaSet), as upstream's
 * SetDefaults_PodSpec / SetDefaults_Container and ValidatePodSpec, for the fields v0 covers.
 */
public final class PodSpecs {
  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private PodSpecs() {}

  /** SetDefaults_PodSpec and its containers' defaults. */
  public static V1.PodSpec defaults(V1.PodSpec spec) {
    if (defaulted(spec)) {
      return spec;
    }
    V1.PodSpec.Builder b = spec.toBuilder();
    if (b.getRestartPolicy().isEmpty()) {
      b.setRestartPolicy("Always");
    }
    if (b.getDnsPolicy().isEmpty()) {
      b.setDnsPolicy("ClusterFirst");
    }
    if (!b.hasSecurityContext()) {
      b.setSecurityContext(V1.PodSecurityContext.getDefaultInstance());
    }
    if (!b.hasTerminationGracePeriodSeconds()) {
      b.setTerminationGracePeriodSeconds(30);
    }
    if (b.getSchedulerName().isEmpty()) {
      b.setSchedulerName("default-scheduler");
    }
    for (int i = 0; i < b.getContainersCount(); i++) {
      b.setContainers(i, container(b.getContainers(i), b.getHostNetwork()));
    }
    for (int i = 0; i < b.getInitContainersCount(); i++) {
      b.setInitContainers(i, container(b.getInitContainers(i), b.getHostNetwork()));
    }
    return b.build();
  }

  /** Whether {@link #defaults} would change nothing (a spec defaulted before: most specs on the second pass). */
  private static boolean defaulted(V1.PodSpec spec) {
    if (spec.getRestartPolicy().isEmpty() || spec.getDnsPolicy().isEmpty() || !spec.hasSecurityContext()
        || !spec.hasTerminationGracePeriodSeconds() || spec.getSchedulerName().isEmpty()) {
      return false;
    }
    for (V1.Container c : spec.getContainersList()) {
      if (!defaulted(c, spec.getHostNetwork())) {
        return false;
      }
    }
    for (V1.Container c : spec.getInitContainersList()) {
      if (!defaulted(c, spec.getHostNetwork())) {
        return false;
      }
    }
    return true;
  }

  private static boolean defaulted(V1.Container c, boolean hostNetwork) {
    if (c.getTerminationMessagePath().isEmpty() || c.getTerminationMessagePolicy().isEmpty()
        || c.getImagePullPolicy().isEmpty() || !c.hasResources()) {
      return false;
    }
    for (V1.ContainerPort p : c.getPortsList()) {
      if (p.getProtocol().isEmpty() || hostNetwork && p.getHostPort() == 0) {
        return false;
      }
    }
    return true;
  }

  private static V1.Container container(V1.Container c, boolean hostNetwork) {
    V1.Container.Builder b = c.toBuilder();
    if (b.getTerminationMessagePath().isEmpty()) {
      b.setTerminationMessagePath("/dev/termination-log");
    }
    if (b.getTerminationMessagePolicy().isEmpty()) {
      b.setTerminationMessagePolicy("File");
    }
    if (b.getImagePullPolicy().isEmpty()) {
      b.setImagePullPolicy(pullPolicy(b.getImage()));
    }
    if (!b.hasResources()) {
      b.setResources(V1.ResourceRequirements.getDefaultInstance());
    }
    for (int i = 0; i < b.getPortsCount(); i++) {
      V1.ContainerPort.Builder p = b.getPorts(i).toBuilder();
      if (p.getProtocol().isEmpty()) {
        p.setProtocol("TCP");
      }
      if (hostNetwork && p.getHostPort() == 0) {
        p.setHostPort(p.getContainerPort());
      }
      b.setPorts(i, p);
    }
    return b.build();
  }

  /** upstream: Always for ":latest" or no tag (and no digest), IfNotPresent otherwise. */
  public static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.lastIndexOf(':');
    String tag = colon < 0 ? "" : last.substring(colon + 1);
    return tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent";
  }

  /** ValidatePodSpec for v0's fields; {@code path} is "spec" for pods, "spec.template.spec" for templates. */
  public static List<FieldError> validate(V1.PodSpec spec, String path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (spec.getContainersCount() == 0) {
      errs.add(FieldError.required(path + ".containers", ""));
    }
    containers(spec.getInitContainersList(), path + ".initContainers", names, errs);
    containers(spec.getContainersList(), path + ".containers", names, errs);
    if (!spec.getRestartPolicy().isEmpty() && !RESTART_POLICIES.contains(spec.getRestartPolicy())) {
      errs.add(FieldError.notSupported(path + ".restartPolicy", spec.getRestartPolicy(), RESTART_POLICIES));
    }
    if (!spec.getDnsPolicy().isEmpty() && !DNS_POLICIES.contains(spec.getDnsPolicy())) {
      errs.add(FieldError.notSupported(path + ".dnsPolicy", spec.getDnsPolicy(), DNS_POLICIES));
    }
    if (spec.hasActiveDeadlineSeconds() && spec.getActiveDeadlineSeconds() <= 0) {
      errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", spec.getActiveDeadlineSeconds(),
          "must be between 1 and 2147483647, inclusive"));
    }
    if (!spec.getNodeName().isEmpty()) {
      for (String msg : NameFormats.dns1123Subdomain(spec.getNodeName())) {
        errs.add(FieldError.invalid(path + ".nodeName", spec.getNodeName(), msg));
      }
    }
    return errs;
  }

  private static void containers(List<V1.Container> cs, String path, Set<String> names, List<FieldError> errs) {
    for (int i = 0; i < cs.size(); i++) {
      V1.Container c = cs.get(i);
      String p = path + "[" + i + "]";
      if (c.getName().isEmpty()) {
        errs.add(FieldError.required(p + ".name", ""));
      } else {
        for (String msg : NameFormats.dns1123Label(c.getName())) {
          errs.add(FieldError.invalid(p + ".name", c.getName(), msg));
        }
        if (!names.add(c.getName())) {
          errs.add(new FieldError(FieldError.Type.DUPLICATE, p + ".name", "\"" + c.getName() + "\"", null));
        }
      }
      if (c.getImage().isBlank()) {
        errs.add(FieldError.required(p + ".image", ""));
      }
      if (!c.getImagePullPolicy().isEmpty() && !PULL_POLICIES.contains(c.getImagePullPolicy())) {
        errs.add(FieldError.notSupported(p + ".imagePullPolicy", c.getImagePullPolicy(), PULL_POLICIES));
      }
      ports(c.getPortsList(), p + ".ports", errs);
      resources(c.getResources(), p + ".resources", errs);
    }
  }

  private static void ports(List<V1.ContainerPort> ports, String path, List<FieldError> errs) {
    for (int j = 0; j < ports.size(); j++) {
      V1.ContainerPort port = ports.get(j);
      String p = path + "[" + j + "]";
      if (port.getContainerPort() < 1 || port.getContainerPort() > 65535) {
        errs.add(FieldError.invalid(p + ".containerPort", port.getContainerPort(),
            "must be between 1 and 65535, inclusive"));
      }
      if (port.getHostPort() != 0 && (port.getHostPort() < 1 || port.getHostPort() > 65535)) {
        errs.add(FieldError.invalid(p + ".hostPort", port.getHostPort(), "must be between 1 and 65535, inclusive"));
      }
      if (!port.getProtocol().isEmpty() && !PROTOCOLS.contains(port.getProtocol())) {
        errs.add(FieldError.notSupported(p + ".protocol", port.getProtocol(), PROTOCOLS));
      }
    }
  }

  private static void resources(V1.ResourceRequirements r, String path, List<FieldError> errs) {
    r.getRequestsMap().forEach((name, q) -> quantity(path, ".requests[", name, q.getString(), errs));
    r.getLimitsMap().forEach((name, q) -> quantity(path, ".limits[", name, q.getString(), errs));
  }

  /** Checks quantity {@code q} at {@code path + list + name + "]"} (the path is only built for an error). */
  private static void quantity(String path, String list, String name, String q, List<FieldError> errs) {
    java.math.BigDecimal value;
    try {
      value = Quantities.parse(q);
    } catch (IllegalArgumentException e) {
      errs.add(FieldError.invalid(path + list + name + "]", q, "quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      return;
    }
    if (value.signum() < 0) {
      errs.add(FieldError.invalid(path + list + name + "]", q, "must be greater than or equal to 0"));
    }
  }
}
