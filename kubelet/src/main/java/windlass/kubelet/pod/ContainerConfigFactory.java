package windlass.kubelet.pod;

import com.google.common.hash.Hashing;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import windlass.cri.v1.ContainerConfig;
import windlass.cri.v1.ContainerMetadata;
import windlass.cri.v1.ImageSpec;
import windlass.cri.v1.KeyValue;

/**
 * Builds the CRI ContainerConfig of one container of a pod, as upstream's kubelet: the pod's {@code command} overrides
 * the image ENTRYPOINT (CRI {@code command}), {@code args} override CMD (CRI {@code args}), both with {@code $(VAR)}
 * expansion from the container's env; env from values and field references; log path
 * {@code <container>/<restartCount>.log}; labels and annotations of protocols.md 6.1. Ports are the sandbox's business.
 */
public final class ContainerConfigFactory {
  /** What a container config needs besides the spec. {@code podIp} and {@code hostIp} may be empty. */
  public record Context(V1.Pod pod, int restartCount, String image, String podIp, String hostIp) {}

  /** The env refers to something v0 cannot resolve (configMapKeyRef, secretKeyRef, resourceFieldRef...). */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  public ContainerConfig build(V1.Container c, Context ctx) throws ConfigException {
    V1.Pod pod = ctx.pod();
    Map<String, String> env = env(c, ctx);
    ContainerConfig.Builder b = ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(c.getName()).setAttempt(ctx.restartCount()))
        .setImage(ImageSpec.newBuilder().setImage(ctx.image().isEmpty() ? c.getImage() : ctx.image()))
        .setWorkingDir(c.getWorkingDir())
        .setLogPath(c.getName() + "/" + ctx.restartCount() + ".log")
        .setStdin(c.getStdin()).setStdinOnce(c.getStdinOnce()).setTty(c.getTty())
        .putLabels(CriLabels.POD_NAME, pod.getMetadata().getName())
        .putLabels(CriLabels.POD_NAMESPACE, pod.getMetadata().getNamespace())
        .putLabels(CriLabels.POD_UID, pod.getMetadata().getUid())
        .putLabels(CriLabels.CONTAINER_NAME, c.getName())
        .putAnnotations(CriLabels.CONTAINER_HASH, hash(c))
        .putAnnotations(CriLabels.RESTART_COUNT, Integer.toString(ctx.restartCount()))
        .putAnnotations(CriLabels.TERMINATION_MESSAGE_PATH,
            c.getTerminationMessagePath().isEmpty() ? "/dev/termination-log" : c.getTerminationMessagePath())
        .putAnnotations(CriLabels.TERMINATION_MESSAGE_POLICY,
            c.getTerminationMessagePolicy().isEmpty() ? "File" : c.getTerminationMessagePolicy());
    if (pod.getMetadata().hasDeletionGracePeriodSeconds()) {
      b.putAnnotations(CriLabels.POD_DELETION_GRACE_PERIOD,
          Long.toString(pod.getMetadata().getDeletionGracePeriodSeconds()));
    }
    if (pod.getSpec().hasTerminationGracePeriodSeconds()) {
      b.putAnnotations(CriLabels.POD_TERMINATION_GRACE_PERIOD,
          Long.toString(pod.getSpec().getTerminationGracePeriodSeconds()));
    }
    for (String s : c.getCommandList()) {
      b.addCommand(Expansion.expand(s, env));
    }
    for (String s : c.getArgsList()) {
      b.addArgs(Expansion.expand(s, env));
    }
    env.forEach((k, v) -> b.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
    return b.build();
  }

  /** The spec hash upstream keeps in io.kubernetes.container.hash: a changed spec means a restart. Lowercase hex. */
  public static String hash(V1.Container c) {
    return Hashing.murmur3_32_fixed().hashBytes(c.toByteArray()).toString();
  }

  /** The container's env in order, each value expanded against those before it. */
  static Map<String, String> env(V1.Container c, Context ctx) throws ConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> unsupported = new ArrayList<>();
    for (V1.EnvVar e : c.getEnvList()) {
      if (e.hasValueFrom()) {
        var from = e.getValueFrom();
        if (from.hasFieldRef()) {
          out.put(e.getName(), fieldRef(from.getFieldRef().getFieldPath(), ctx, e.getName()));
        } else {
          unsupported.add(e.getName());
        }
      } else {
        out.put(e.getName(), Expansion.expand(e.getValue(), out));
      }
    }
    if (!c.getEnvFromList().isEmpty()) {
      throw new ConfigException("envFrom is not supported yet (container \"" + c.getName() + "\")");
    }
    if (!unsupported.isEmpty()) {
      throw new ConfigException("env " + unsupported + " of container \"" + c.getName()
          + "\": only value and valueFrom.fieldRef are supported yet (configMapKeyRef, secretKeyRef and "
          + "resourceFieldRef are not)");
    }
    return out;
  }

  private static String fieldRef(String path, Context ctx, String var) throws ConfigException {
    var m = ctx.pod().getMetadata();
    switch (path) {
      case "metadata.name": return m.getName();
      case "metadata.namespace": return m.getNamespace();
      case "metadata.uid": return m.getUid();
      case "spec.nodeName": return ctx.pod().getSpec().getNodeName();
      case "spec.serviceAccountName": return ctx.pod().getSpec().getServiceAccountName();
      case "status.podIP": return ctx.podIp();
      case "status.hostIP": return ctx.hostIp();
      default:
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
          return m.getLabelsMap().getOrDefault(path.substring(17, path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
          return m.getAnnotationsMap().getOrDefault(path.substring(22, path.length() - 2), "");
        }
        throw new ConfigException("env " + var + ": unsupported fieldRef.fieldPath \"" + path + "\"");
    }
  }
}
