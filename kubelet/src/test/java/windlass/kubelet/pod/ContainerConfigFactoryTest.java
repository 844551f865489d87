package windlass.kubelet.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import windlass.cri.v1.ContainerConfig;
import windlass.cri.v1.KeyValue;

class ContainerConfigFactoryTest {
  private final ContainerConfigFactory f = new ContainerConfigFactory();

  static V1.Pod pod(V1.Container c) {
    V1.Pod.Builder p = V1.Pod.newBuilder();
    p.getMetadataBuilder().setNamespace("ns").setName("web").setUid("u-1").putLabels("app", "web");
    p.getSpecBuilder().setNodeName("n1").addContainers(c);
    return p.build();
  }

  private ContainerConfig build(V1.Container c, int restarts) throws Exception {
    return f.build(c, new ContainerConfigFactory.Context(pod(c), restarts, "", "10.88.0.5", "10.0.0.1"));
  }

  @Test
  void commandOverridesTheEntrypointAndArgsTheCmd() throws Exception {
    var c = V1.Container.newBuilder().setName("c").setImage("busybox:1.35")
        .addCommand("sh").addArgs("-c").addArgs("echo hi").build();
    ContainerConfig cfg = build(c, 0);
    assertEquals(List.of("sh"), cfg.getCommandList());
    assertEquals(List.of("-c", "echo hi"), cfg.getArgsList());
  }

  @Test
  void argsAloneLeaveTheEntrypointToTheImage() throws Exception {
    ContainerConfig cfg = build(V1.Container.newBuilder().setName("c").setImage("i").addArgs("x").build(), 0);
    assertTrue(cfg.getCommandList().isEmpty());
    assertEquals(List.of("x"), cfg.getArgsList());
  }

  @Test
  void expandsVariablesFromTheEnvInCommandArgsAndLaterEnv() throws Exception {
    var c = V1.Container.newBuilder().setName("c").setImage("i")
        .addEnv(V1.EnvVar.newBuilder().setName("A").setValue("one"))
        .addEnv(V1.EnvVar.newBuilder().setName("B").setValue("$(A)-two"))
        .addEnv(V1.EnvVar.newBuilder().setName("POD").setValueFrom(V1.EnvVarSource.newBuilder()
            .setFieldRef(V1.ObjectFieldSelector.newBuilder().setFieldPath("metadata.name"))))
        .addEnv(V1.EnvVar.newBuilder().setName("IP").setValueFrom(V1.EnvVarSource.newBuilder()
            .setFieldRef(V1.ObjectFieldSelector.newBuilder().setFieldPath("status.podIP"))))
        .addCommand("echo $(B)").addArgs("$(UNDEFINED)").addArgs("$$(A)").build();
    ContainerConfig cfg = build(c, 0);
    assertEquals(List.of("echo one-two"), cfg.getCommandList());
    assertEquals(List.of("$(UNDEFINED)", "$(A)"), cfg.getArgsList());
    Map<String, String> env = cfg.getEnvsList().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    assertEquals(Map.of("A", "one", "B", "one-two", "POD", "web", "IP", "10.88.0.5"), env);
  }

  @Test
  void logPathLabelsAndAnnotationsFollowUpstream() throws Exception {
    var c = V1.Container.newBuilder().setName("app").setImage("busybox:1.35").setWorkingDir("/tmp").build();
    ContainerConfig cfg = build(c, 3);
    assertEquals("app/3.log", cfg.getLogPath());
    assertEquals(3, cfg.getMetadata().getAttempt());
    assertEquals("app", cfg.getMetadata().getName());
    assertEquals("/tmp", cfg.getWorkingDir());
    assertEquals("busybox:1.35", cfg.getImage().getImage());
    assertEquals(Map.of(CriLabels.POD_NAME, "web", CriLabels.POD_NAMESPACE, "ns", CriLabels.POD_UID, "u-1",
        CriLabels.CONTAINER_NAME, "app"), cfg.getLabelsMap());
    assertEquals("3", cfg.getAnnotationsOrThrow(CriLabels.RESTART_COUNT));
    assertEquals(ContainerConfigFactory.hash(c), cfg.getAnnotationsOrThrow(CriLabels.CONTAINER_HASH));
    assertEquals("/dev/termination-log", cfg.getAnnotationsOrThrow(CriLabels.TERMINATION_MESSAGE_PATH));
  }

  @Test
  void hashChangesWithTheSpec() {
    var a = V1.Container.newBuilder().setName("c").setImage("busybox:1.35").build();
    assertEquals(ContainerConfigFactory.hash(a), ContainerConfigFactory.hash(a.toBuilder().build()));
    assertNotEquals(ContainerConfigFactory.hash(a), ContainerConfigFactory.hash(a.toBuilder().setImage("x").build()));
    assertTrue(ContainerConfigFactory.hash(a).matches("[0-9a-f]+"));
  }

  @Test
  void refusesEnvSourcesItCannotResolveYet() {
    var c = V1.Container.newBuilder().setName("c").setImage("i")
        .addEnv(V1.EnvVar.newBuilder().setName("S").setValueFrom(V1.EnvVarSource.newBuilder()
            .setSecretKeyRef(V1.SecretKeySelector.newBuilder().setKey("k")))).build();
    var e = assertThrows(ContainerConfigFactory.ConfigException.class, () -> build(c, 0));
    assertTrue(e.getMessage().contains("secretKeyRef"), e.getMessage());
  }
}
