package windlass.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import windlass.client.Kind;
import windlass.client.Kinds;

/** Each kind's table, normal and wide, against the text upstream kubectl 1.32 prints for the same objects. */
class TablePrinterTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static Meta.ObjectMeta.Builder meta(String ns, String name, long ageSeconds) {
    return Meta.ObjectMeta.newBuilder().setName(name).setNamespace(ns)
        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - ageSeconds));
  }

  static String print(TableOptions o, Kind kind, Message... objs) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TablePrinter p = new TablePrinter(new PrintStream(buf, true, StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC), o);
    p.print(kind, List.of(objs));
    p.finish();
    return buf.toString(StandardCharsets.UTF_8);
  }

  static final TableOptions WIDE = new TableOptions(true, false, false, false, false);

  static V1.Pod runningPod() {
    return V1.Pod.newBuilder().setMetadata(meta("default", "web-7d4b9c-x2x9z", 5))
        .setSpec(V1.PodSpec.newBuilder().setNodeName("node-1")
            .addContainers(V1.Container.newBuilder().setName("nginx").setImage("nginx:1.27")))
        .setStatus(V1.PodStatus.newBuilder().setPhase("Running").addPodIPs(V1.PodIP.newBuilder().setIp("10.88.0.12"))
            .addContainerStatuses(V1.ContainerStatus.newBuilder().setName("nginx").setReady(true)
                .setState(V1.ContainerState.newBuilder().setRunning(V1.ContainerStateRunning.getDefaultInstance()))))
        .build();
  }

  static V1.Pod crashingPod() {
    return V1.Pod.newBuilder().setMetadata(meta("default", "crash", 3 * 3600 + 4 * 60))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("c").setImage("busybox")))
        .setStatus(V1.PodStatus.newBuilder().setPhase("Running")
            .addContainerStatuses(V1.ContainerStatus.newBuilder().setName("c").setRestartCount(12)
                .setState(V1.ContainerState.newBuilder().setWaiting(V1.ContainerStateWaiting.newBuilder()
                    .setReason("CrashLoopBackOff")))
                .setLastState(V1.ContainerState.newBuilder().setTerminated(V1.ContainerStateTerminated.newBuilder()
                    .setExitCode(1).setFinishedAt(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - 123))))))
        .build();
  }

  @Test
  void pods() {
    assertEquals("""
        NAME               READY   STATUS             RESTARTS        AGE
        crash              0/1     CrashLoopBackOff   12 (2m3s ago)   3h4m
        web-7d4b9c-x2x9z   1/1     Running            0               5s
        """, print(TableOptions.DEFAULT, Kinds.POD, crashingPod(), runningPod()));
  }

  @Test
  void priorityClasses() {
    assertEquals("""
        NAME                   VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
        batch                  -5           true             2d    Never
        system-node-critical   2000001000   false            5s    PreemptLowerPriority
        """, print(TableOptions.DEFAULT, Kinds.PRIORITY_CLASS,
        io.kubernetes.client.proto.V1Scheduling.PriorityClass.newBuilder().setMetadata(meta("", "batch", 2 * 86400))
            .setValue(-5).setGlobalDefault(true).setPreemptionPolicy("Never").build(),
        io.kubernetes.client.proto.V1Scheduling.PriorityClass.newBuilder()
            .setMetadata(meta("", "system-node-critical", 5)).setValue(2000001000)
            .setPreemptionPolicy("PreemptLowerPriority").build()));
  }

  @Test
  void podsWide() {
    assertEquals("""
        NAME               READY   STATUS             RESTARTS        AGE    IP           NODE     NOMINATED NODE   READINESS GATES
        crash              0/1     CrashLoopBackOff   12 (2m3s ago)   3h4m   <none>       <none>   <none>           <none>
        web-7d4b9c-x2x9z   1/1     Running            0               5s     10.88.0.12   node-1   <none>           <none>
        """, print(WIDE, Kinds.POD, crashingPod(), runningPod()));
  }

  @Test
  void podsInAllNamespacesWithLabels() {
    V1.Pod p = runningPod().toBuilder().setMetadata(runningPod().getMetadata().toBuilder()
        .putLabels("app", "web").putLabels("pod-template-hash", "7d4b9c")).build();
    assertEquals("""
        NAMESPACE   NAME               READY   STATUS    RESTARTS   AGE   LABELS
        default     web-7d4b9c-x2x9z   1/1     Running   0          5s    app=web,pod-template-hash=7d4b9c
        """, print(new TableOptions(false, true, false, true, false), Kinds.POD, p));
  }

  static V1.Node node() {
    return V1.Node.newBuilder().setMetadata(meta("", "k8s-master", 2 * 86400 + 3 * 3600)
            .putLabels("node-role.kubernetes.io/control-plane", "").putLabels("kubernetes.io/hostname", "k8s-master"))
        .setStatus(V1.NodeStatus.newBuilder()
            .addConditions(V1.NodeCondition.newBuilder().setType("MemoryPressure").setStatus("False"))
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True"))
            .addAddresses(V1.NodeAddress.newBuilder().setType("InternalIP").setAddress("192.168.1.10"))
            .addAddresses(V1.NodeAddress.newBuilder().setType("Hostname").setAddress("k8s-master"))
            .setNodeInfo(V1.NodeSystemInfo.newBuilder().setKubeletVersion("v1.32.0")
                .setOsImage("Debian GNU/Linux 12 (bookworm)").setKernelVersion("6.1.0-18-amd64")
                .setContainerRuntimeVersion("containerd://1.6.20")))
        .build();
  }

  static V1.Node cordonedWorker() {
    return V1.Node.newBuilder().setMetadata(meta("", "worker-1", 45))
        .setSpec(V1.NodeSpec.newBuilder().setUnschedulable(true))
        .setStatus(V1.NodeStatus.newBuilder()
            .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("Unknown"))
            .setNodeInfo(V1.NodeSystemInfo.newBuilder().setKubeletVersion("v1.32.0")))
        .build();
  }

  @Test
  void nodes() {
    assertEquals("""
        NAME         STATUS                        ROLES           AGE    VERSION
        k8s-master   Ready                         control-plane   2d3h   v1.32.0
        worker-1     NotReady,SchedulingDisabled   <none>          45s    v1.32.0
        """, print(TableOptions.DEFAULT, Kinds.NODE, node(), cordonedWorker()));
  }

  @Test
  void nodesWide() {
    assertEquals("""
        NAME         STATUS                        ROLES           AGE    VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME
        k8s-master   Ready                         control-plane   2d3h   v1.32.0   192.168.1.10   <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-18-amd64   containerd://1.6.20
        worker-1     NotReady,SchedulingDisabled   <none>          45s    v1.32.0   <none>         <none>        <unknown>                        <unknown>        <unknown>
        """, print(WIDE, Kinds.NODE, node(), cordonedWorker()));
  }

  static V1Apps.Deployment deployment() {
    Meta.LabelSelector sel = Meta.LabelSelector.newBuilder().putMatchLabels("app", "nginx").build();
    return V1Apps.Deployment.newBuilder().setMetadata(meta("default", "nginx-deployment", 600))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(3).setSelector(sel)
            .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder()
                .addContainers(V1.Container.newBuilder().setName("nginx").setImage("nginx:1.7.9"))
                .addContainers(V1.Container.newBuilder().setName("log").setImage("busybox")))))
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(3).setUpdatedReplicas(3).setReadyReplicas(2)
            .setAvailableReplicas(2))
        .build();
  }

  @Test
  void deployments() {
    assertEquals("""
        NAME               READY   UP-TO-DATE   AVAILABLE   AGE
        nginx-deployment   2/3     3            2           10m
        """, print(TableOptions.DEFAULT, Kinds.DEPLOYMENT, deployment()));
    assertEquals("""
        NAME               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                SELECTOR
        nginx-deployment   2/3     3            2           10m   nginx,log    nginx:1.7.9,busybox   app=nginx
        """, print(WIDE, Kinds.DEPLOYMENT, deployment()));
  }

  @Test
  void replicaSets() {
    V1Apps.ReplicaSet rs = V1Apps.ReplicaSet.newBuilder().setMetadata(meta("default", "nginx-deployment-6b474476c4", 601))
        .setSpec(V1Apps.ReplicaSetSpec.newBuilder().setReplicas(3)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "nginx")
                .putMatchLabels("pod-template-hash", "6b474476c4")
                .addMatchExpressions(Meta.LabelSelectorRequirement.newBuilder().setKey("tier").setOperator("In")
                    .addValues("web").addValues("api")))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder()
                .addContainers(V1.Container.newBuilder().setName("nginx").setImage("nginx:1.7.9")))))
        .setStatus(V1Apps.ReplicaSetStatus.newBuilder().setReplicas(3).setReadyReplicas(3))
        .build();
    assertEquals("""
        NAME                          DESIRED   CURRENT   READY   AGE
        nginx-deployment-6b474476c4   3         3         3       10m
        """, print(TableOptions.DEFAULT, Kinds.REPLICA_SET, rs));
    assertEquals("""
        NAME                          DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES        SELECTOR
        nginx-deployment-6b474476c4   3         3         3       10m   nginx        nginx:1.7.9   app=nginx,pod-template-hash=6b474476c4,tier in (api,web)
        """, print(WIDE, Kinds.REPLICA_SET, rs));
  }

  @Test
  void services() {
    V1.Service kubernetes = V1.Service.newBuilder().setMetadata(meta("default", "kubernetes", 3 * 86400))
        .setSpec(V1.ServiceSpec.newBuilder().setType("ClusterIP").addClusterIPs("10.96.0.1")
            .addPorts(V1.ServicePort.newBuilder().setName("https").setPort(443).setProtocol("TCP")
                .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(6443))))
        .build();
    V1.Service nginx = V1.Service.newBuilder().setMetadata(meta("default", "nginx", 90))
        .setSpec(V1.ServiceSpec.newBuilder().setType("NodePort").addClusterIPs("10.96.155.20").putSelector("app", "nginx")
            .addPorts(V1.ServicePort.newBuilder().setPort(80).setNodePort(30080).setProtocol("TCP"))
            .addPorts(V1.ServicePort.newBuilder().setPort(53).setProtocol("UDP")))
        .build();
    V1.Service lb = V1.Service.newBuilder().setMetadata(meta("default", "edge", 90))
        .setSpec(V1.ServiceSpec.newBuilder().setType("LoadBalancer").addClusterIPs("10.96.0.9")
            .addPorts(V1.ServicePort.newBuilder().setPort(80).setNodePort(31000).setProtocol("TCP")))
        .build();
    assertEquals("""
        NAME         TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)               AGE
        edge         LoadBalancer   10.96.0.9      <pending>     80:31000/TCP          90s
        kubernetes   ClusterIP      10.96.0.1      <none>        443/TCP               3d
        nginx        NodePort       10.96.155.20   <none>        80:30080/TCP,53/UDP   90s
        """,
        print(TableOptions.DEFAULT, Kinds.SERVICE, lb, kubernetes, nginx));
    assertEquals("""
        NAME    TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)               AGE   SELECTOR
        nginx   NodePort   10.96.155.20   <none>        80:30080/TCP,53/UDP   90s   app=nginx
        """, print(WIDE, Kinds.SERVICE, nginx));
  }

  @Test
  void namespaces() {
    assertEquals("""
        NAME          STATUS        AGE
        default       Active        400d
        kube-system   Active        400d
        old           Terminating   7h59m
        """, print(TableOptions.DEFAULT, Kinds.NAMESPACE,
        ns("default", "Active", 400L * 86400), ns("kube-system", "Active", 400L * 86400),
        ns("old", "Terminating", 8 * 3600 - 60)));
  }

  static V1.Namespace ns(String name, String phase, long age) {
    return V1.Namespace.newBuilder().setMetadata(meta("", name, age))
        .setStatus(V1.NamespaceStatus.newBuilder().setPhase(phase)).build();
  }

  static V1.Event event() {
    return V1.Event.newBuilder().setMetadata(meta("default", "web.17f3a", 300))
        .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web").setFieldPath("spec.containers{nginx}"))
        .setReason("Pulled").setMessage("Successfully pulled image \"nginx\" in 1.2s  \n").setType("Normal")
        .setSource(V1.EventSource.newBuilder().setComponent("kubelet").setHost("node-1"))
        .setFirstTimestamp(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - 300))
        .setLastTimestamp(Meta.Time.newBuilder().setSeconds(NOW.getEpochSecond() - 30)).setCount(3)
        .build();
  }

  @Test
  void events() {
    V1.Event scheduled = V1.Event.newBuilder().setMetadata(meta("default", "web.17f39", 301))
        .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web"))
        .setReason("Scheduled").setMessage("Successfully assigned default/web to node-1").setType("Normal")
        .setReportingComponent("default-scheduler")
        .setEventTime(Meta.MicroTime.newBuilder().setSeconds(NOW.getEpochSecond() - 301))
        .build();
    assertEquals("""
        LAST SEEN   TYPE     REASON      OBJECT    MESSAGE
        5m1s        Normal   Scheduled   pod/web   Successfully assigned default/web to node-1
        30s         Normal   Pulled      pod/web   Successfully pulled image "nginx" in 1.2s
        """, print(TableOptions.DEFAULT, Kinds.EVENT, scheduled, event()));
    assertEquals("""
        LAST SEEN   TYPE     REASON      OBJECT    SUBOBJECT                SOURCE              MESSAGE                                       FIRST SEEN   COUNT   NAME
        5m1s        Normal   Scheduled   pod/web                            default-scheduler   Successfully assigned default/web to node-1   5m1s         1       web.17f39
        30s         Normal   Pulled      pod/web   spec.containers{nginx}   kubelet, node-1     Successfully pulled image "nginx" in 1.2s     5m           3       web.17f3a
        """, print(WIDE, Kinds.EVENT, scheduled, event()));
  }

  @Test
  void severalKindsGetKindPrefixesAndSeparateTables() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TablePrinter p = new TablePrinter(new PrintStream(buf, true, StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC), TableOptions.DEFAULT.withKind(true));
    p.print(Kinds.POD, List.of(runningPod()));
    p.print(Kinds.DEPLOYMENT, List.of(deployment()));
    assertEquals("""
        NAME                   READY   STATUS    RESTARTS   AGE
        pod/web-7d4b9c-x2x9z   1/1     Running   0          5s

        NAME                               READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/nginx-deployment   2/3     3            2           10m
        """, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void noHeaders() {
    assertEquals("web-7d4b9c-x2x9z   1/1   Running   0     5s\n",
        print(new TableOptions(false, false, false, false, true), Kinds.POD, runningPod()));
  }
}
