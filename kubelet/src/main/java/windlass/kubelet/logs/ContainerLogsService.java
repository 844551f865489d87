package windlass.kubelet.logs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import windlass.client.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import windlass.cri.v1.Container;
import windlass.cri.v1.ContainerState;
import windlass.crishim.CriRuntime;
import windlass.kubelet.pod.CriLabels;
import windlass.kubelet.v1.ContainerLogsRequest;
import windlass.kubelet.v1.KubeletGrpc;
import windlass.kubelet.v1.LogData;

/**
 * windlass.kubelet.v1.Kubelet/ContainerLogs: the CRI log file of a container of a pod on this node
 * (/var/log/pods/&lt;ns&gt;_&lt;pod&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;restartCount&gt;.log), stripped of the CRI prefix unless
 * timestamps; tail_lines, since_seconds, limit_bytes, previous (the attempt before the newest) and follow (until the
 * client cancels or the container exits).
 */
public final class ContainerLogsService extends KubeletGrpc.KubeletImplBase {
  private final CriRuntime cri;
  private final BiFunction<String, String, Optional<V1.Pod>> pods;
  private final Path podLogsDir;
  private final Clock clock;
  private final long pollMillis;

  /** {@code pods}: (namespace, name) to the pod this node runs. */
  public ContainerLogsService(CriRuntime cri, BiFunction<String, String, Optional<V1.Pod>> pods, Path podLogsDir,
      Clock clock, long pollMillis) {
    this.cri = cri;
    this.pods = pods;
    this.podLogsDir = podLogsDir;
    this.clock = clock;
    this.pollMillis = pollMillis;
  }

  @Override
  public void containerLogs(ContainerLogsRequest req, StreamObserver<LogData> out) {
    try {
      stream(req, out);
    } catch (io.grpc.StatusRuntimeException e) {
      out.onError(e);
    } catch (IOException e) {
      out.onError(Status.INTERNAL.withDescription("reading log: " + e.getMessage()).asRuntimeException());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.onError(Status.CANCELLED.asRuntimeException());
    }
  }

  private void stream(ContainerLogsRequest req, StreamObserver<LogData> out) throws IOException, InterruptedException {
    V1.Pod pod = pods.apply(req.getNamespace(), req.getPod()).orElseThrow(() -> Status.NOT_FOUND
        .withDescription("pods \"" + req.getPod() + "\" not found on this node").asRuntimeException());
    String container = containerName(pod, req.getContainer());
    String uid = pod.getMetadata().getUid();
    List<Container> attempts = new ArrayList<>(cri.listContainers(
        Map.of(CriLabels.POD_UID, uid, CriLabels.CONTAINER_NAME, container)));
    attempts.sort(Comparator.comparingInt((Container c) -> restartCount(c)).thenComparingLong(Container::getCreatedAt)
        .reversed());
    Container target;
    if (req.getPrevious()) {
      if (attempts.size() < 2) {
        throw Status.INVALID_ARGUMENT.withDescription("previous terminated container \"" + container
            + "\" in pod \"" + req.getPod() + "\" not found").asRuntimeException();
      }
      target = attempts.get(1);
    } else {
      if (attempts.isEmpty()) {
        throw Status.INVALID_ARGUMENT.withDescription("container \"" + container + "\" in pod \"" + req.getPod()
            + "\" is waiting to start: ContainerCreating").asRuntimeException();
      }
      target = attempts.get(0);
    }
    Path file = logFile(pod, target);
    Instant since = req.hasSinceSeconds() ? clock.now().minusSeconds(req.getSinceSeconds()) : null;
    LogOptions o = new LogOptions(since, req.hasTailLines() ? req.getTailLines() : -1,
        req.hasLimitBytes() ? req.getLimitBytes() : -1, req.getTimestamps());
    LogFileReader reader = new LogFileReader(file);
    try {
      if (req.getFollow() && !req.getPrevious()) {
        ServerCallStreamObserver<LogData> call = (ServerCallStreamObserver<LogData>) out;
        String id = target.getId();
        long[] nextCheck = {0};
        boolean[] exited = {false};
        reader.follow(o, s -> send(out, s), () -> {
          if (call.isCancelled()) {
            return true;
          }
          long now = System.nanoTime();
          if (now >= nextCheck[0]) {
            nextCheck[0] = now + 1_000_000_000L;
            exited[0] = cri.containerStatus(id).map(st -> st.getState() != ContainerState.CONTAINER_RUNNING
                && st.getState() != ContainerState.CONTAINER_CREATED).orElse(true);
          }
          return exited[0];
        }, pollMillis);
        if (call.isCancelled()) {
          return;
        }
      } else {
        for (String s : reader.read(o)) {
          send(out, s);
        }
      }
    } catch (NoSuchFileException e) {
      throw Status.NOT_FOUND.withDescription("log file " + file + " of container \"" + container
          + "\" does not exist").asRuntimeException();
    }
    out.onCompleted();
  }

  private static void send(StreamObserver<LogData> out, String s) {
    out.onNext(LogData.newBuilder().setData(ByteString.copyFrom(s, StandardCharsets.UTF_8)).build());
  }

  /** The runtime's log path of the attempt, else the kubelet's naming. */
  private Path logFile(V1.Pod pod, Container c) {
    var st = cri.containerStatus(c.getId());
    if (st.isPresent() && !st.get().getLogPath().isEmpty() && Files.exists(Path.of(st.get().getLogPath()))) {
      return Path.of(st.get().getLogPath());
    }
    var m = pod.getMetadata();
    return podLogsDir.resolve(m.getNamespace() + "_" + m.getName() + "_" + m.getUid())
        .resolve(c.getMetadata().getName()).resolve(restartCount(c) + ".log");
  }

  private static int restartCount(Container c) {
    try {
      return Integer.parseInt(c.getAnnotationsOrDefault(CriLabels.RESTART_COUNT,
          Integer.toString(c.getMetadata().getAttempt())));
    } catch (NumberFormatException e) {
      return c.getMetadata().getAttempt();
    }
  }

  /** The container asked for; empty means the only one, else an error naming the choices (as upstream). */
  static String containerName(V1.Pod pod, String asked) {
    List<String> names = pod.getSpec().getContainersList().stream().map(V1.Container::getName).toList();
    if (asked.isEmpty()) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw Status.INVALID_ARGUMENT.withDescription("a container name must be specified for pod "
          + pod.getMetadata().getName() + ", choose one of: " + names).asRuntimeException();
    }
    if (!names.contains(asked)) {
      throw Status.INVALID_ARGUMENT.withDescription("container " + asked + " is not valid for pod "
          + pod.getMetadata().getName()).asRuntimeException();
    }
    return asked;
  }
}
