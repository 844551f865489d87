package windlass.kubelet.pod;

import windlass.kubelet.E2eNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import windlass.client.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.crishim.CriRuntime;
import windlass.kubelet.logs.ContainerLogsService;
import windlass.kubelet.network.PodNetwork;
import windlass.kubelet.status.PodStatusFactory;
import windlass.kubelet.v1.ContainerLogsRequest;
import windlass.kubelet.v1.KubeletGrpc;

/**
 * Pod workers against the real runtime named by WINDLASS_CRI_ENDPOINT (skipped when unset), with an in-memory status
 * sink instead of an apiserver. CNI: the conflist is written into WINDLASS_CNI_CONF_DIR (default
 * /run/windlass/containerd/net.d) for the pod network of E2eNode (scripts/test exports it). Uses busybox:1.35 (never pulls).
 */
@Tag("e2e")
class PodSyncerE2eTest {

  @TempDir Path logs;
  private CriRuntime cri;
  private PodSyncer syncer;
  private PodWorkers workers;
  private FakePodApi api;
  private ExecutorService pool;
  private ScheduledExecutorService timers;
  private final String node = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> uids = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    String ep = System.getenv("WINDLASS_CRI_ENDPOINT");
    Assumptions.assumeTrue(ep != null && !ep.isEmpty(), "WINDLASS_CRI_ENDPOINT not set");
    new PodNetwork(E2eNode.CNI_CONF_DIR, E2eNode.CNI_BRIDGE, E2eNode.CNI_IPAM_DIR).ensure(E2eNode.POD_CIDR);
    cri = CriRuntime.connect(ep);
    Clock clock = Clock.system();
    syncer = new PodSyncer(cri, new SandboxConfigFactory(logs, node), new PodStatusFactory("containerd"),
        Backoff.crashLoop(clock), clock, E2eNode.GATEWAY, new PodCgroups(Path.of("/sys/fs/cgroup")), logs);
    api = new FakePodApi();
    pool = Executors.newCachedThreadPool();
    timers = Executors.newSingleThreadScheduledExecutor();
    workers = new PodWorkers(syncer, new StatusWriter(api), api, pool, timers, clock);
    Pleg pleg = new Pleg(cri, node, uid -> workers.signal(uid));
    timers.scheduleWithFixedDelay(pleg::relist, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() {
    if (cri == null) {
      return;
    }
    timers.shutdownNow(); // first stop the workers, so none recreates what is torn down below
    pool.shutdownNow();
    try {
      pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String uid : uids) {
      syncer.teardown(uid, "", "", Duration.ZERO);
    }
    cri.close();
  }

  private V1.Pod pod(String name, String restartPolicy, V1.Container c) {
    String uid = UUID.randomUUID().toString();
    uids.add(uid);
    V1.Pod.Builder p = V1.Pod.newBuilder();
    p.getMetadataBuilder().setNamespace("e2e").setName(name).setUid(uid).putLabels("app", name);
    p.getSpecBuilder().setNodeName(node).setRestartPolicy(restartPolicy).setTerminationGracePeriodSeconds(1)
        .addContainers(c);
    return p.build();
  }

  private V1.PodStatus await(Predicate<V1.PodStatus> ok, Duration timeout) throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      V1.PodStatus s = api.lastStatus();
      if (ok.test(s)) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out; last status: " + api.lastStatus());
  }

  @Test
  void runsAPodServesHttpOnItsIpThenDeletesIt() throws Exception {
    V1.Pod pod = pod("web", "Always", V1.Container.newBuilder().setName("web").setImage("busybox:1.35")
        .addAllCommand(List.of("httpd", "-f", "-p", "8080", "-h", "/var/www")).build());
    api.put(pod);
    workers.update(pod);
    V1.PodStatus s = await(st -> st.getPhase().equals("Running") && !st.getPodIP().isEmpty(), Duration.ofSeconds(30));

    assertTrue(s.getPodIP().startsWith(E2eNode.IP_PREFIX), s.getPodIP());
    V1.ContainerStatus cs = s.getContainerStatuses(0);
    assertTrue(cs.getReady() && cs.getStarted() && cs.getState().hasRunning(), cs.toString());
    assertTrue(cs.getContainerID().startsWith("containerd://"), cs.getContainerID());
    assertEquals("busybox:1.35", cs.getImage());
    assertFalse(cs.getImageID().isEmpty());
    assertEquals("True", s.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .orElseThrow().getStatus());

    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + s.getPodIP() + ":8080/")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("hello from windlass busybox", r.body().trim());

    // a second sync changes nothing: no new sandbox, no new status write
    int writes = api.writes.size();
    workers.update(pod);
    Thread.sleep(1500);
    assertEquals(1, cri.listPodSandbox(Map.of(CriLabels.POD_UID, pod.getMetadata().getUid())).size());
    assertEquals(writes, api.writes.size());

    // deletion: grace period, teardown, then delete with grace 0 + uid precondition
    V1.Pod deleting = pod.toBuilder().setMetadata(pod.getMetadata().toBuilder()
        .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(Instant.now().getEpochSecond()))
        .setDeletionGracePeriodSeconds(1)).build();
    workers.update(deleting);
    Instant end = Instant.now().plusSeconds(20);
    while (api.deleted.isEmpty() && Instant.now().isBefore(end)) {
      Thread.sleep(100);
    }
    assertEquals(List.of("e2e/web/" + pod.getMetadata().getUid()), api.deleted);
    assertTrue(cri.listPodSandbox(Map.of(CriLabels.POD_UID, pod.getMetadata().getUid())).isEmpty());
    assertTrue(cri.listContainers(Map.of(CriLabels.POD_UID, pod.getMetadata().getUid())).isEmpty());
    assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory/windlass/pod" + pod.getMetadata().getUid())));
  }

  @Test
  void restartsAFailingContainerThenBacksOffAndServesItsLogs() throws Exception {
    V1.Pod pod = pod("crash", "OnFailure", V1.Container.newBuilder().setName("c").setImage("busybox:1.35")
        .addCommand("sh").addArgs("-c").addArgs("echo hello $(WHO); exit 3")
        .addEnv(V1.EnvVar.newBuilder().setName("WHO").setValue("windlass")).build());
    api.put(pod);
    workers.update(pod);
    V1.PodStatus s = await(st -> !st.getContainerStatusesList().isEmpty()
        && st.getContainerStatuses(0).getState().getWaiting().getReason().equals("CrashLoopBackOff"),
        Duration.ofSeconds(30));
    V1.ContainerStatus cs = s.getContainerStatuses(0);
    assertEquals(1, cs.getRestartCount());
    assertEquals(3, cs.getLastState().getTerminated().getExitCode());
    assertEquals("Error", cs.getLastState().getTerminated().getReason());
    assertEquals("Running", s.getPhase());
    assertTrue(cs.getState().getWaiting().getMessage().startsWith("back-off 10s restarting failed container=c"),
        cs.getState().getWaiting().getMessage());

    // logs over the kubelet's gRPC service
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor().addService(new ContainerLogsService(
        cri, workers::find, logs, Clock.system(), 100)).build().start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      var stub = KubeletGrpc.newBlockingStub(ch);
      StringBuilder out = new StringBuilder();
      stub.containerLogs(ContainerLogsRequest.newBuilder().setNamespace("e2e").setPod("crash").build())
          .forEachRemaining(d -> out.append(d.getData().toStringUtf8()));
      assertEquals("hello windlass\n", out.toString());
      StringBuilder prev = new StringBuilder();
      stub.containerLogs(ContainerLogsRequest.newBuilder().setNamespace("e2e").setPod("crash").setPrevious(true)
          .setTimestamps(true).build()).forEachRemaining(d -> prev.append(d.getData().toStringUtf8()));
      assertTrue(prev.toString().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z hello windlass\n"), prev.toString());
    } finally {
      ch.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void aPodThatCompletesSucceedsAndItsSandboxIsStopped() throws Exception {
    V1.Pod pod = pod("job", "Never", V1.Container.newBuilder().setName("c").setImage("busybox:1.35")
        .addCommand("true").build());
    api.put(pod);
    workers.update(pod);
    V1.PodStatus s = await(st -> st.getPhase().equals("Succeeded"), Duration.ofSeconds(30));
    V1.ContainerStateTerminated t = s.getContainerStatuses(0).getState().getTerminated();
    assertEquals(0, t.getExitCode());
    assertEquals("Completed", t.getReason());
    Thread.sleep(500);
    assertTrue(cri.listPodSandbox(Map.of(CriLabels.POD_UID, pod.getMetadata().getUid())).stream()
        .allMatch(sb -> sb.getState() == windlass.cri.v1.PodSandboxState.SANDBOX_NOTREADY));
    assertEquals("PodCompleted", s.getConditionsList().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow().getReason());
  }

  @Test
  void neverPullsAnAbsentImageWithPolicyNever() throws Exception {
    V1.Pod pod = pod("nopull", "Always", V1.Container.newBuilder().setName("c")
        .setImage("docker.io/library/busybox:0.0-not-here").setImagePullPolicy("Never").build());
    api.put(pod);
    workers.update(pod);
    V1.PodStatus s = await(st -> !st.getContainerStatusesList().isEmpty()
        && st.getContainerStatuses(0).getState().getWaiting().getReason().equals("ErrImageNeverPull"),
        Duration.ofSeconds(30));
    assertEquals("Pending", s.getPhase());
  }

  @Test
  void aRestartedKubeletAdoptsRunningSandboxesAndSweepsOrphans() throws Exception {
    V1.Pod keep = pod("keep", "Always", V1.Container.newBuilder().setName("c").setImage("busybox:1.35")
        .addCommand("sleep").addArgs("300").build());
    V1.Pod orphan = pod("orphan", "Always", V1.Container.newBuilder().setName("c").setImage("busybox:1.35")
        .addCommand("sleep").addArgs("300").build());
    for (V1.Pod p : List.of(keep, orphan)) {
      api.put(p);
      workers.update(p);
    }
    Instant end = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(end) && api.writes.stream().filter(st -> st.getPhase().equals("Running")).count() < 2) {
      Thread.sleep(100);
    }
    String sandbox = cri.listPodSandbox(Map.of(CriLabels.POD_UID, keep.getMetadata().getUid())).get(0).getId();

    // "restart": new workers and status writer, same runtime; only "keep" still exists in the API
    FakePodApi api2 = new FakePodApi();
    api2.put(keep);
    PodWorkers workers2 = new PodWorkers(syncer, new StatusWriter(api2), api2, pool, timers, Clock.system());
    workers2.update(keep);
    Set<String> swept = new Housekeeping(cri, syncer, node, workers2::uids).removeOrphans();
    assertEquals(Set.of(orphan.getMetadata().getUid()), swept);
    end = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(end) && api2.writes.isEmpty()) {
      Thread.sleep(100);
    }
    V1.PodStatus s = api2.lastStatus();
    assertEquals("Running", s.getPhase());
    assertEquals(0, s.getContainerStatuses(0).getRestartCount());
    var sandboxes = cri.listPodSandbox(Map.of(CriLabels.POD_UID, keep.getMetadata().getUid()));
    assertEquals(List.of(sandbox), sandboxes.stream().map(sb -> sb.getId()).toList(), "adopted, not recreated");
    assertTrue(cri.listPodSandbox(Map.of(CriLabels.POD_UID, orphan.getMetadata().getUid())).isEmpty());
  }
}
