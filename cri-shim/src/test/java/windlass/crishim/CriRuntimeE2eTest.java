package windlass.crishim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.ContainerConfig;
import windlass.cri.v1.ContainerMetadata;
import windlass.cri.v1.ContainerState;
import windlass.cri.v1.ImageSpec;
import windlass.cri.v1.LinuxPodSandboxConfig;
import windlass.cri.v1.LinuxSandboxSecurityContext;
import windlass.cri.v1.NamespaceMode;
import windlass.cri.v1.NamespaceOption;
import windlass.cri.v1.PodSandboxConfig;
import windlass.cri.v1.PodSandboxMetadata;
import windlass.cri.v1.PodSandboxState;

/** Against the real runtime named by WINDLASS_CRI_ENDPOINT (skipped when unset). Never pulls. */
@Tag("e2e")
class CriRuntimeE2eTest {
  private CriRuntime cri;
  private String sandboxId;
  private Path logDir;
  private String uid;

  @BeforeEach
  void connect() {
    String ep = System.getenv("WINDLASS_CRI_ENDPOINT");
    Assumptions.assumeTrue(ep != null && !ep.isEmpty(), "WINDLASS_CRI_ENDPOINT not set");
    cri = CriRuntime.connect(ep);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (sandboxId != null) {
      cri.stopPodSandbox(sandboxId);
      cri.removePodSandbox(sandboxId);
    }
    if (cri != null) {
      cri.close();
    }
    if (uid != null) { // runc leaves the cgroup parent: whoever names it (the kubelet) removes it
      try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
        controllers.map(c -> c.resolve("windlass/pod" + uid)).forEach(d -> d.toFile().delete());
      }
    }
    if (logDir != null) {
      try (var s = Files.walk(logDir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void reportsVersionAndLocalBusybox() {
    var v = cri.version();
    assertEquals("containerd", v.getRuntimeName());
    assertEquals("v1", v.getRuntimeApiVersion());
    assertTrue(cri.imageStatus("busybox:1.35").isPresent());
    assertTrue(cri.imageStatus("docker.io/library/busybox:0.0-not-here").isEmpty());
  }

  @Test
  void runsASandboxAndAContainerThenStopsAndRemovesThem() throws Exception {
    uid = UUID.randomUUID().toString();
    logDir = Files.createTempDirectory("cri-e2e-");
    PodSandboxConfig sc = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName("cri-e2e").setNamespace("default").setUid(uid))
        .setHostname("cri-e2e").setLogDirectory(logDir.toString())
        .putLabels("io.kubernetes.pod.uid", uid).putLabels("windlass.test", "cri-shim")
        .setLinux(LinuxPodSandboxConfig.newBuilder().setCgroupParent("/windlass/pod" + uid)
            .setSecurityContext(LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(NamespaceOption.newBuilder()
                .setNetwork(NamespaceMode.POD).setPid(NamespaceMode.CONTAINER).setIpc(NamespaceMode.POD))))
        .build();
    sandboxId = cri.runPodSandbox(sc, "");
    assertEquals(PodSandboxState.SANDBOX_READY, cri.podSandboxStatus(sandboxId).orElseThrow().getState());
    assertFalse(cri.listPodSandbox(Map.of("io.kubernetes.pod.uid", uid)).isEmpty());

    String cid = cri.createContainer(sandboxId, ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName("c1"))
        .setImage(ImageSpec.newBuilder().setImage("busybox:1.35"))
        .addCommand("sh").addArgs("-c").addArgs("echo hello; sleep 300")
        .setLogPath("c1/0.log").build(), sc);
    cri.startContainer(cid);
    assertEquals(ContainerState.CONTAINER_RUNNING, cri.containerStatus(cid).orElseThrow().getState());
    cri.stopContainer(cid, Duration.ZERO);
    var st = cri.containerStatus(cid).orElseThrow();
    assertEquals(ContainerState.CONTAINER_EXITED, st.getState());
    assertTrue(Files.readString(logDir.resolve("c1/0.log")).contains(" stdout F hello"));
    cri.removeContainer(cid);
    assertTrue(cri.containerStatus(cid).isEmpty());

    cri.stopPodSandbox(sandboxId);
    cri.removePodSandbox(sandboxId);
    assertTrue(cri.listPodSandbox(Map.of("io.kubernetes.pod.uid", uid)).isEmpty());
    sandboxId = null;
  }
}
