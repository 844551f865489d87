package windlass.kubectl.cmd;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import windlass.api.v1.LogChunk;
import windlass.api.v1.PodLogsRequest;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ListOptions;
import windlass.kubectl.CommandException;
import windlass.kubectl.Kubectl;
import windlass.kubectl.Session;
import windlass.kubectl.printers.HumanDuration;
import windlass.kubectl.printers.LabelSelectors;

/**
 * {@code logs POD [CONTAINER] | TYPE/NAME [-c CONTAINER] [-f] [-p] [--tail=N] [--timestamps]}: a container's log,
 * streamed from the kubelet through the apiserver. For a deployment or replica set, the first of its pods.
 */
@Command(name = "logs", description = "Print the logs for a container in a pod.")
public final class LogsCommand implements Callable<Integer> {
  static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

  @ParentCommand
  Kubectl root;

  @Parameters(arity = "0..2", paramLabel = "POD [CONTAINER]")
  List<String> args = new ArrayList<>();

  @Option(names = {"-c", "--container"}, description = "Print the logs of this container.")
  String container;

  @Option(names = {"-f", "--follow"}, description = "Specify if the logs should be streamed.")
  boolean follow;

  @Option(names = {"-p", "--previous"}, description = "The logs of the previous, terminated instance of the container.")
  boolean previous;

  @Option(names = "--tail", description = "Lines of recent log to show; -1: all.")
  long tail = -1;

  @Option(names = "--timestamps", description = "Prefix each line with its RFC3339 timestamp.")
  boolean timestamps;

  @Option(names = "--since", description = "Only logs newer than this duration, e.g. 5s, 2m, 3h.")
  String since;

  @Option(names = "--limit-bytes", description = "At most this many bytes of log.")
  long limitBytes;

  @Override
  public Integer call() throws IOException {
    if (args.isEmpty()) {
      throw CommandException.error("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
          + "POD or TYPE/NAME is a required argument for the logs command");
    }
    if (args.size() == 2) {
      if (container != null) {
        throw CommandException.error("only one of -c or an inline [CONTAINER] arg is allowed");
      }
      container = args.get(1);
    }
    Session session = root.session();
    V1.Pod pod = pod(session, args.get(0));
    String c = container != null ? container : defaultContainer(pod);
    PodLogsRequest.Builder req = PodLogsRequest.newBuilder()
        .setNamespace(pod.getMetadata().getNamespace().isEmpty() ? session.namespace() : pod.getMetadata().getNamespace())
        .setName(pod.getMetadata().getName()).setContainer(c).setFollow(follow).setPrevious(previous)
        .setTimestamps(timestamps);
    if (tail >= 0) {
      req.setTailLines(tail);
    }
    if (since != null) {
      req.setSinceSeconds(Durations.parse(since).toSeconds());
    }
    if (limitBytes > 0) {
      req.setLimitBytes(limitBytes);
    }
    var out = root.env().out();
    try {
      Iterator<LogChunk> chunks = session.client().podStreams().logs(req.build());
      while (chunks.hasNext()) {
        chunks.next().getData().writeTo(out);
        out.flush();
      }
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
    return 0;
  }

  private V1.Pod pod(Session session, String arg) {
    int slash = arg.indexOf('/');
    if (slash < 0) {
      return session.client().pods(session.namespace()).get(arg);
    }
    var kind = ResourceArgs.kind(arg.substring(0, slash));
    String name = arg.substring(slash + 1);
    if (kind == Kinds.POD) {
      return session.client().pods(session.namespace()).get(name);
    }
    if (kind != Kinds.DEPLOYMENT && kind != Kinds.REPLICA_SET) {
      throw CommandException.error("cannot get the logs from " + kind.groupResource());
    }
    Message owner = session.client().resource(kind, session.namespace()).get(name);
    Meta.LabelSelector selector = owner instanceof V1Apps.Deployment d
        ? d.getSpec().getSelector()
        : ((V1Apps.ReplicaSet) owner).getSpec().getSelector();
    List<V1.Pod> pods = new ArrayList<>(session.client().pods(session.namespace())
        .list(ListOptions.ALL.withLabelSelector(LabelSelectors.toString(selector))).items());
    if (pods.isEmpty()) {
      throw CommandException.error("timed out waiting for the condition");
    }
    pods.sort(LOGGING_ORDER);
    if (pods.size() > 1) {
      root.env().err().println("Found " + pods.size() + " pods, using pod/" + pods.get(0).getMetadata().getName());
    }
    return pods.get(0);
  }

  /** The container to read when -c is not given: the annotated default, else the first (saying so if there are more). */
  private String defaultContainer(V1.Pod pod) {
    String annotated = pod.getMetadata().getAnnotationsMap().get(DEFAULT_CONTAINER_ANNOTATION);
    if (annotated != null) {
      for (V1.Container c : pod.getSpec().getContainersList()) {
        if (c.getName().equals(annotated)) {
          return annotated;
        }
      }
    }
    if (pod.getSpec().getContainersCount() == 0) {
      return "";
    }
    String first = pod.getSpec().getContainers(0).getName();
    if (pod.getSpec().getContainersCount() + pod.getSpec().getInitContainersCount() > 1) {
      List<String> all = new ArrayList<>();
      pod.getSpec().getContainersList().forEach(c -> all.add(c.getName()));
      pod.getSpec().getInitContainersList().forEach(c -> all.add(c.getName() + " (init)"));
      root.env().err().println("Defaulted container \"" + first + "\" out of: " + String.join(", ", all));
    }
    return first;
  }

  /** upstream's ByLogging order: scheduled, running, ready, most restarted, oldest first. */
  static final Comparator<V1.Pod> LOGGING_ORDER = Comparator
      .comparing((V1.Pod p) -> p.getSpec().getNodeName().isEmpty())
      .thenComparing(p -> !p.getStatus().getPhase().equals("Running"))
      .thenComparing(p -> !isReady(p))
      .thenComparing(p -> -restarts(p))
      .thenComparing(p -> HumanDuration.isZero(p.getMetadata().getCreationTimestamp())
          ? Long.MAX_VALUE : p.getMetadata().getCreationTimestamp().getSeconds());

  private static boolean isReady(V1.Pod p) {
    return p.getStatus().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static int restarts(V1.Pod p) {
    return p.getStatus().getContainerStatusesList().stream().mapToInt(V1.ContainerStatus::getRestartCount).max()
        .orElse(0);
  }
}
