package windlass.kubelet.pod;

import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import windlass.client.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import windlass.cri.v1.Container;
import windlass.cri.v1.ContainerState;
import windlass.cri.v1.PodSandbox;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.PodSandboxState;
import windlass.crishim.CriException;
import windlass.crishim.CriRuntime;
import windlass.kubelet.images.ImageException;
import windlass.kubelet.images.ImageManager;
import windlass.kubelet.images.PullPolicy;
import windlass.kubelet.status.ContainerRecord;
import windlass.kubelet.status.PodPhases;
import windlass.kubelet.status.PodStatusFactory;
import windlass.kubelet.status.Waiting;

/**
 * One pod's sync against the CRI runtime, as upstream's SyncPod: make sure the pod has a ready sandbox, start or
 * restart its containers per restartPolicy with back-off, then compute its status from what the runtime shows. Also
 * the pod's teardown. Idempotent: the state lives in the runtime (labels and annotations), so a restarted kubelet
 * adopts what is running. Calls for one pod are serialized by its worker; calls for different pods may overlap.
 */
public final class PodSyncer {
  private static final Logger LOG = Logger.getLogger(PodSyncer.class.getName());
  /** Resync at least this often even when nothing wakes the worker. */
  public static final Duration RESYNC = Duration.ofSeconds(10);

  private final CriRuntime cri;
  private final ImageManager images;
  private final SandboxConfigFactory sandboxes;
  private final ContainerConfigFactory containers = new ContainerConfigFactory();
  private final PodStatusFactory statuses;
  private final Backoff backoff;
  private final Clock clock;
  private final String hostIp;
  private final PodCgroups cgroups;
  private final Path podLogsDir;
  /** Per image-pull key (uid/container): when the last pull failed. */
  private final Map<String, Instant> pullFailures = new ConcurrentHashMap<>();

  /** What one sync decided: the status to report, and when to sync again at the latest. */
  public record Result(V1.PodStatus status, Instant wakeAt) {}

  public PodSyncer(CriRuntime cri, SandboxConfigFactory sandboxes, PodStatusFactory statuses, Backoff backoff,
      Clock clock, String hostIp, PodCgroups cgroups, Path podLogsDir) {
    this.cri = cri;
    this.images = new ImageManager(cri);
    this.sandboxes = sandboxes;
    this.statuses = statuses;
    this.backoff = backoff;
    this.clock = clock;
    this.hostIp = hostIp;
    this.cgroups = cgroups;
    this.podLogsDir = podLogsDir;
  }

  /** What the runtime holds for one pod: sandboxes newest first, containers per name newest first. */
  record View(List<PodSandbox> sandboxes, Map<String, List<ContainerRecord>> byName) {
    PodSandbox ready() {
      return sandboxes.stream().filter(s -> s.getState() == PodSandboxState.SANDBOX_READY).findFirst().orElse(null);
    }

    List<ContainerRecord> all() {
      return byName.values().stream().flatMap(List::stream).toList();
    }
  }

  View observe(String uid) {
    List<PodSandbox> sbs = new ArrayList<>(cri.listPodSandbox(Map.of(CriLabels.POD_UID, uid)));
    sbs.sort(Comparator.comparingInt((PodSandbox s) -> s.getMetadata().getAttempt())
        .thenComparingLong(PodSandbox::getCreatedAt).reversed());
    Map<String, List<ContainerRecord>> byName = new HashMap<>();
    for (Container c : cri.listContainers(Map.of(CriLabels.POD_UID, uid))) {
      cri.containerStatus(c.getId()).ifPresent(s -> byName
          .computeIfAbsent(c.getMetadata().getName(), k -> new ArrayList<>())
          .add(ContainerRecord.of(s, c.getPodSandboxId())));
    }
    for (List<ContainerRecord> l : byName.values()) {
      l.sort(Comparator.comparingInt(ContainerRecord::restartCount)
          .thenComparing(r -> r.createdAt() == null ? Instant.EPOCH : r.createdAt()).reversed());
    }
    return new View(sbs, byName);
  }

  /** Brings the pod towards its spec and returns its status. {@code previous}: the last status reported. */
  public Result sync(V1.Pod pod, V1.PodStatus previous) {
    String uid = pod.getMetadata().getUid();
    Instant now = clock.now();
    Instant wakeAt = now.plus(RESYNC);
    Map<String, Waiting> waiting = new HashMap<>();
    View view = observe(uid);

    if (PodPhases.isTerminal(previous.getPhase())) {
      PodSandbox ready = view.ready();
      if (ready != null) {
        stopContainers(view.all(), Duration.ZERO);
        cri.stopPodSandbox(ready.getId());
      }
      return new Result(statuses.build(pod, observed(view, waiting, null), previous, now), wakeAt);
    }

    RestartPolicy policy = RestartPolicy.of(pod);
    PodSandbox ready = view.ready();
    String sandboxId;
    PodSandboxConfig sandboxConfig;
    if (ready == null) {
      if (!view.sandboxes().isEmpty() && !wantsToRun(pod, view, policy)) {
        return new Result(statuses.build(pod, observed(view, waiting, null), previous, now), wakeAt);
      }
      String key = "sandbox/" + uid;
      Instant lastFail = pullFailures.get(key);
      if (lastFail != null && backoff.isInBackoffSince(key, lastFail)) {
        return new Result(statuses.build(pod, observed(view, waiting, null), previous, now),
            min(wakeAt, backoff.readyAt(key, lastFail)));
      }
      int attempt = view.sandboxes().stream().mapToInt(s -> s.getMetadata().getAttempt() + 1).max().orElse(0);
      stopContainers(view.all(), Duration.ZERO);
      for (PodSandbox old : view.sandboxes()) {
        cri.stopPodSandbox(old.getId());
      }
      sandboxConfig = sandboxes.build(pod, attempt);
      try {
        Files.createDirectories(Path.of(sandboxConfig.getLogDirectory()));
        sandboxId = cri.runPodSandbox(sandboxConfig, "");
        pullFailures.remove(key);
        backoff.reset(key);
      } catch (IOException | CriException e) {
        LOG.log(Level.WARNING, "pod " + name(pod) + ": failed to create sandbox: " + e.getMessage());
        backoff.next(key);
        pullFailures.put(key, now);
        for (V1.Container c : pod.getSpec().getContainersList()) {
          waiting.put(c.getName(), new Waiting(Waiting.CONTAINER_CREATING, ""));
        }
        return new Result(statuses.build(pod, observed(view, waiting, null), previous, now),
            min(wakeAt, backoff.readyAt(key, now)));
      }
      view = observe(uid);
    } else {
      sandboxId = ready.getId();
      sandboxConfig = sandboxes.build(pod, ready.getMetadata().getAttempt());
    }

    List<String> podIps = podIps(sandboxId);
    String podIp = podIps.isEmpty() ? "" : podIps.get(0);
    boolean acted = false;
    for (V1.Container c : pod.getSpec().getContainersList()) {
      String key = uid + "/" + c.getName();
      List<ContainerRecord> records = view.byName().getOrDefault(c.getName(), List.of());
      ContainerRecord history = records.isEmpty() ? null : records.get(0);
      ContainerRecord latest = history != null && history.sandboxId().equals(sandboxId) ? history : null;
      if (latest != null && latest.running()) {
        String want = ContainerConfigFactory.hash(c);
        if (!latest.hash().isEmpty() && !latest.hash().equals(want)) {
          LOG.info("pod " + name(pod) + ": container " + c.getName() + " definition changed, restarting it");
          cri.stopContainer(latest.id(), gracePeriod(pod));
          acted |= createAndStart(pod, c, latest.restartCount() + 1, sandboxId, sandboxConfig, podIp, waiting, now);
        }
        continue;
      }
      if (latest != null && latest.state() == ContainerState.CONTAINER_CREATED) {
        try {
          cri.startContainer(latest.id());
        } catch (CriException e) {
          waiting.put(c.getName(), new Waiting(Waiting.RUN_CONTAINER_ERROR, e.runtimeMessage()));
        }
        acted = true;
        continue;
      }
      int restartCount = 0;
      if (history != null) { // exited (or unknown), here or in an older sandbox
        if (history.sandboxId().equals(sandboxId) && !policy.shouldRestart(history.exitCode())) {
          continue;
        }
        if (!history.sandboxId().equals(sandboxId) && history.exited() && !policy.shouldRestart(history.exitCode())) {
          continue; // finished in a previous sandbox and is not to run again
        }
        Instant finished = history.finishedAt() != null ? history.finishedAt() : now;
        if (backoff.isInBackoffSince(key, finished)) {
          Duration d = backoff.delay(key);
          waiting.put(c.getName(), new Waiting(Waiting.CRASH_LOOP_BACK_OFF, "back-off " + human(d)
              + " restarting failed container=" + c.getName() + " pod=" + pod.getMetadata().getName() + "_"
              + pod.getMetadata().getNamespace() + "(" + uid + ")"));
          wakeAt = min(wakeAt, backoff.readyAt(key, finished));
          continue;
        }
        backoff.next(key);
        restartCount = history.restartCount() + 1;
      }
      acted |= createAndStart(pod, c, restartCount, sandboxId, sandboxConfig, podIp, waiting, now);
      Instant pullReady = pullFailures.containsKey(key) ? backoff.readyAt("pull/" + key, pullFailures.get(key)) : null;
      if (pullReady != null) {
        wakeAt = min(wakeAt, pullReady);
      }
      for (int i = 1; i < records.size(); i++) { // keep the newest dead one as lastState and "previous" logs
        cri.removeContainer(records.get(i).id());
        acted = true;
      }
    }
    if (acted) {
      view = observe(uid);
      pruneOldSandboxes(view, sandboxId);
    }
    V1.PodStatus status = statuses.build(pod, observed(view, waiting, podIps), previous, now);
    if (PodPhases.isTerminal(status.getPhase())) {
      LOG.info("pod " + name(pod) + " is " + status.getPhase() + ": stopping its sandbox");
      cri.stopPodSandbox(sandboxId);
    }
    return new Result(status, wakeAt);
  }

  /** Creates and starts one container; false when it got no further than a waiting reason. */
  private boolean createAndStart(V1.Pod pod, V1.Container c, int restartCount, String sandboxId,
      PodSandboxConfig sandboxConfig, String podIp, Map<String, Waiting> waiting, Instant now) {
    String key = pod.getMetadata().getUid() + "/" + c.getName();
    String pullKey = "pull/" + key;
    Instant lastPullFailure = pullFailures.get(key);
    if (lastPullFailure != null && backoff.isInBackoffSince(pullKey, lastPullFailure)) {
      waiting.put(c.getName(), new Waiting(ImageManager.IMAGE_PULL_BACK_OFF,
          "Back-off pulling image \"" + c.getImage() + "\""));
      return false;
    }
    String image;
    try {
      image = images.ensure(c.getImage(), PullPolicy.of(c), sandboxConfig);
      pullFailures.remove(key);
      backoff.reset(pullKey);
    } catch (ImageException e) {
      LOG.warning("pod " + name(pod) + " container " + c.getName() + ": " + e.getMessage());
      backoff.next(pullKey);
      pullFailures.put(key, now);
      waiting.put(c.getName(), new Waiting(e.reason(), e.getMessage()));
      return false;
    }
    windlass.cri.v1.ContainerConfig config;
    try {
      config = containers.build(c, new ContainerConfigFactory.Context(pod, restartCount, image, podIp, hostIp));
    } catch (ContainerConfigFactory.ConfigException e) {
      waiting.put(c.getName(), new Waiting(Waiting.CREATE_CONTAINER_CONFIG_ERROR, e.getMessage()));
      return false;
    }
    String id;
    try {
      id = cri.createContainer(sandboxId, config, sandboxConfig);
    } catch (CriException e) {
      waiting.put(c.getName(), new Waiting(Waiting.CREATE_CONTAINER_ERROR, e.runtimeMessage()));
      return false;
    }
    try {
      cri.startContainer(id);
    } catch (CriException e) {
      waiting.put(c.getName(), new Waiting(Waiting.RUN_CONTAINER_ERROR, e.runtimeMessage()));
    }
    return true;
  }

  /** Whether any spec container still has to run, so a new sandbox is worth making. */
  static boolean wantsToRun(V1.Pod pod, View view, RestartPolicy policy) {
    for (V1.Container c : pod.getSpec().getContainersList()) {
      List<ContainerRecord> records = view.byName().getOrDefault(c.getName(), List.of());
      if (records.isEmpty()) {
        return true;
      }
      ContainerRecord r = records.get(0);
      if (!r.exited() || policy.shouldRestart(r.exitCode())) {
        return true;
      }
    }
    return false;
  }

  /** Removes stopped sandboxes whose containers all have a newer counterpart in the current one. */
  private void pruneOldSandboxes(View view, String current) {
    Set<String> namesInCurrent = new HashSet<>();
    view.all().stream().filter(r -> r.sandboxId().equals(current)).forEach(r -> namesInCurrent.add(r.name()));
    for (PodSandbox s : view.sandboxes()) {
      if (s.getId().equals(current)) {
        continue;
      }
      boolean superseded = view.all().stream().filter(r -> r.sandboxId().equals(s.getId()))
          .allMatch(r -> namesInCurrent.contains(r.name()));
      if (superseded) {
        cri.stopPodSandbox(s.getId());
        cri.removePodSandbox(s.getId());
      }
    }
  }

  private PodStatusFactory.Observed observed(View view, Map<String, Waiting> waiting, List<String> podIps) {
    PodSandbox ready = view.ready();
    return new PodStatusFactory.Observed(view.byName(), waiting, ready != null,
        podIps != null ? podIps : ready != null ? podIps(ready.getId()) : List.of(), hostIp);
  }

  private List<String> podIps(String sandboxId) {
    return cri.podSandboxStatus(sandboxId).map(s -> {
      List<String> ips = new ArrayList<>();
      if (s.hasNetwork() && !s.getNetwork().getIp().isEmpty()) {
        ips.add(s.getNetwork().getIp());
        s.getNetwork().getAdditionalIpsList().forEach(ip -> ips.add(ip.getIp()));
      }
      return ips;
    }).orElse(List.of());
  }

  /**
   * Stops the pod's containers with {@code grace} (in parallel), then stops and removes all its sandboxes, its cgroup
   * parent and its log directory. Safe to repeat; works from runtime labels alone (the pod may be gone from the API).
   */
  public void teardown(String uid, String namespace, String name, Duration grace) {
    List<Container> live = cri.listContainers(Map.of(CriLabels.POD_UID, uid)).stream()
        .filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING
            || c.getState() == ContainerState.CONTAINER_CREATED)
        .toList();
    stopInParallel(live.stream().map(Container::getId).toList(), grace);
    for (PodSandbox s : cri.listPodSandbox(Map.of(CriLabels.POD_UID, uid))) {
      cri.stopPodSandbox(s.getId());
      cri.removePodSandbox(s.getId());
    }
    cgroups.remove(uid);
    backoff.resetPrefix(uid + "/");
    backoff.resetPrefix("pull/" + uid + "/");
    backoff.reset("sandbox/" + uid);
    pullFailures.keySet().removeIf(k -> k.startsWith(uid + "/") || k.equals("sandbox/" + uid));
    if (!namespace.isEmpty() && !name.isEmpty()) {
      Path dir = podLogsDir.resolve(namespace + "_" + name + "_" + uid);
      if (dir.normalize().startsWith(podLogsDir.normalize()) && Files.isDirectory(dir)) {
        try (var s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          LOG.warning("cannot remove pod log directory " + dir + ": " + e);
        }
      }
    }
  }

  private void stopContainers(List<ContainerRecord> records, Duration grace) {
    stopInParallel(records.stream().filter(r -> r.running() || r.state() == ContainerState.CONTAINER_CREATED)
        .map(ContainerRecord::id).toList(), grace);
  }

  private void stopInParallel(List<String> ids, Duration grace) {
    if (ids.size() == 1) {
      cri.stopContainer(ids.get(0), grace);
      return;
    }
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (String id : ids) {
      Thread t = new Thread(() -> {
        try {
          cri.stopContainer(id, grace);
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }, "stop-" + id.substring(0, Math.min(12, id.length())));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }

  /** deletionGracePeriodSeconds when deleting, else spec.terminationGracePeriodSeconds (default 30). */
  public static Duration gracePeriod(V1.Pod pod) {
    if (pod.getMetadata().hasDeletionGracePeriodSeconds()) {
      return Duration.ofSeconds(Math.max(0, pod.getMetadata().getDeletionGracePeriodSeconds()));
    }
    return Duration.ofSeconds(pod.getSpec().hasTerminationGracePeriodSeconds()
        ? Math.max(0, pod.getSpec().getTerminationGracePeriodSeconds()) : 30);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 60 && s % 60 == 0 ? (s / 60) + "m0s" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String name(V1.Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
