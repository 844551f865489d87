package windlass.kubectl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.Kinds;
import windlass.kubectl.Cli;
import windlass.kubectl.ClusterTest;

class DeleteScaleLogsTest extends ClusterTest {
  @TempDir
  Path dir;

  V1Apps.Deployment deployment(String name, int replicas) {
    return server.put(V1Apps.Deployment.newBuilder().setMetadata(meta("default", name))
        .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(replicas)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", name))
            .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder()
                .addContainers(V1.Container.newBuilder().setName("app").setImage("nginx")))))
        .build());
  }

  @Test
  void deleteByNameSaysDeletedAsUpstream() {
    pod("default", "a");
    deployment("web", 1);
    Cli.Result r = cli.run("delete", "pod", "a");
    assertEquals(0, r.code(), r.err());
    assertEquals("pod \"a\" deleted\n", r.out());
    r = cli.run("delete", "deployment/web");
    assertEquals("deployment.apps \"web\" deleted\n", r.out());
    assertNull(server.get(Kinds.POD, "default", "a"));
  }

  @Test
  void deleteWaitsUntilAnObjectHeldByAFinalizerIsGone() throws Exception {
    server.put(V1.Pod.newBuilder().setMetadata(meta("default", "held").addFinalizers("example.com/cleanup")).build());
    java.util.concurrent.CompletableFuture<Cli.Result> run =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.run("delete", "pod", "held"));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!(server.hasWatchers() && server.<V1.Pod>get(Kinds.POD, "default", "held").getMetadata()
        .hasDeletionTimestamp()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    org.junit.jupiter.api.Assertions.assertFalse(run.isDone(), "delete waits while the finalizer holds the pod");
    server.remove(Kinds.POD, "default", "held");
    Cli.Result r = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.err());
    assertEquals("pod \"held\" deleted\n", r.out());
  }

  @Test
  void deleteWithoutWaitReturnsAtOnce() {
    server.put(V1.Pod.newBuilder().setMetadata(meta("default", "held").addFinalizers("example.com/cleanup")).build());
    Cli.Result r = cli.run("delete", "pod", "held", "--wait=false");
    assertEquals(0, r.code(), r.err());
    assertEquals("pod \"held\" deleted\n", r.out());
  }

  @Test
  void deleteMissingIsNotFoundUnlessIgnored() {
    Cli.Result r = cli.run("delete", "pod", "nope");
    assertEquals(1, r.code());
    assertEquals("Error from server (NotFound): pods \"nope\" not found\n", r.err());
    r = cli.run("delete", "pod", "nope", "--ignore-not-found");
    assertEquals(0, r.code());
    assertEquals("", r.err());
  }

  @Test
  void deleteAllAndBySelector() {
    pod("default", "a", "app", "x");
    pod("default", "b", "app", "y");
    pod("other", "c", "app", "x");
    assertEquals("pod \"a\" deleted\n", cli.run("delete", "pods", "-l", "app=x").out());
    assertEquals("pod \"b\" deleted\n", cli.run("delete", "pods", "--all").out());
    assertEquals(1, server.count(Kinds.POD));
    assertEquals("No resources found\n", cli.run("delete", "pods", "--all").out());
  }

  @Test
  void deleteATypeWithoutNamesIsRefused() {
    Cli.Result r = cli.run("delete", "pods");
    assertEquals(1, r.code());
    assertEquals("error: resource(s) were provided, but no name was specified\n", r.err());
  }

  @Test
  void deleteFromAFile() throws IOException {
    pod("default", "p");
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n"
        + "    image: busybox\n");
    Cli.Result r = cli.run("delete", "-f", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("pod \"p\" deleted\n", r.out());
    r = cli.run("delete", "-f", f.toString());
    assertEquals(1, r.code());
    assertEquals("Error from server (NotFound): error when deleting \"" + f + "\": pods \"p\" not found\n", r.err());
  }

  @Test
  void scaleSetsReplicas() {
    deployment("web", 1);
    Cli.Result r = cli.run("scale", "deployment", "web", "--replicas=4");
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/web scaled\n", r.out());
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(4, d.getSpec().getReplicas());
    assertEquals("deployment.apps/web scaled\n", cli.run("scale", "deployments/web", "--replicas", "2").out());
    assertEquals(2, server.<V1Apps.Deployment>get(Kinds.DEPLOYMENT, "default", "web").getSpec().getReplicas());
  }

  @Test
  void scaleRetriesWhenSomeoneElseUpdatedTheDeploymentInBetween() {
    deployment("web", 1);
    int[] calls = {0};
    server.beforeUpdate(() -> {
      if (calls[0]++ == 0) {
        V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
        server.put(d.toBuilder().setMetadata(d.getMetadata().toBuilder().putLabels("touched", "yes")).build());
      }
    });
    Cli.Result r = cli.run("scale", "deployment", "web", "--replicas=3");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, calls[0], "the first update met a Conflict and was retried");
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(3, d.getSpec().getReplicas());
    assertEquals("yes", d.getMetadata().getLabelsMap().get("touched"));
  }

  @Test
  void scaleChecksTheCurrentSizeWhenAsked() {
    deployment("web", 3);
    Cli.Result r = cli.run("scale", "deploy/web", "--replicas=1", "--current-replicas=2");
    assertEquals(1, r.code());
    assertEquals("error: Expected replicas to be 2, was 3\n", r.err());
  }

  @Test
  void scaleOfAMissingDeployment() {
    Cli.Result r = cli.run("scale", "deployment", "nope", "--replicas=1");
    assertEquals(1, r.code());
    assertEquals("Error from server (NotFound): deployments.apps \"nope\" not found\n", r.err());
  }

  @Test
  void logsOfAPodAndItsTail() {
    pod("default", "a");
    server.logs("default", "a", "app", "one\ntwo\nthree\n");
    Cli.Result r = cli.run("logs", "a");
    assertEquals(0, r.code(), r.err());
    assertEquals("one\ntwo\nthree\n", r.out());
    assertEquals("three\n", cli.run("logs", "a", "--tail=1").out());
  }

  @Test
  void logsOfADeploymentPickTheFirstPodOfItsSelector() {
    deployment("web", 2);
    pod("default", "web-1", "app", "web");
    pod("default", "web-2", "app", "web");
    pod("default", "other", "app", "db");
    server.logs("default", "web-1", "app", "hello from web-1\n");
    Cli.Result r = cli.run("logs", "deployment/web");
    assertEquals(0, r.code(), r.err());
    assertEquals("hello from web-1\n", r.out());
    assertEquals("Found 2 pods, using pod/web-1\n", r.err());
  }

  @Test
  void logsOfAPodWithSeveralContainersDefaultsToTheFirst() {
    server.put(V1.Pod.newBuilder().setMetadata(meta("default", "two"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("main"))
            .addContainers(V1.Container.newBuilder().setName("side"))).build());
    server.logs("default", "two", "main", "m\n");
    server.logs("default", "two", "side", "s\n");
    Cli.Result r = cli.run("logs", "two");
    assertEquals("m\n", r.out());
    assertEquals("Defaulted container \"main\" out of: main, side\n", r.err());
    assertEquals("s\n", cli.run("logs", "two", "-c", "side").out());
  }

  @Test
  void apiResourcesListsServedKindsByGroupThenName() {
    Cli.Result r = cli.run("api-resources");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        NAME                         SHORTNAMES   APIVERSION                     NAMESPACED   KIND
        configmaps                   cm           v1                             true         ConfigMap
        endpoints                    ep           v1                             true         Endpoints
        events                       ev           v1                             true         Event
        limitranges                  limits       v1                             true         LimitRange
        namespaces                   ns           v1                             false        Namespace
        nodes                        no           v1                             false        Node
        persistentvolumeclaims       pvc          v1                             true         PersistentVolumeClaim
        persistentvolumes            pv           v1                             false        PersistentVolume
        pods                         po           v1                             true         Pod
        resourcequotas               quota        v1                             true         ResourceQuota
        secrets                                   v1                             true         Secret
        serviceaccounts              sa           v1                             true         ServiceAccount
        services                     svc          v1                             true         Service
        controllerrevisions                       apps/v1                        true         ControllerRevision
        daemonsets                   ds           apps/v1                        true         DaemonSet
        deployments                  deploy       apps/v1                        true         Deployment
        replicasets                  rs           apps/v1                        true         ReplicaSet
        statefulsets                 sts          apps/v1                        true         StatefulSet
        horizontalpodautoscalers     hpa          autoscaling/v2                 true         HorizontalPodAutoscaler
        cronjobs                     cj           batch/v1                       true         CronJob
        jobs                                      batch/v1                       true         Job
        certificatesigningrequests   csr          certificates.k8s.io/v1         false        CertificateSigningRequest
        leases                                    coordination.k8s.io/v1         true         Lease
        endpointslices                            discovery.k8s.io/v1            true         EndpointSlice
        ingresses                    ing          networking.k8s.io/v1           true         Ingress
        poddisruptionbudgets         pdb          policy/v1                      true         PodDisruptionBudget
        clusterrolebindings                       rbac.authorization.k8s.io/v1   false        ClusterRoleBinding
        clusterroles                              rbac.authorization.k8s.io/v1   false        ClusterRole
        rolebindings                              rbac.authorization.k8s.io/v1   true         RoleBinding
        roles                                     rbac.authorization.k8s.io/v1   true         Role
        priorityclasses              pc           scheduling.k8s.io/v1           false        PriorityClass
        """, r.out());
    assertEquals(("nodes\nnamespaces\npersistentvolumes\ncertificatesigningrequests.certificates.k8s.io\n"
        + "clusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\n"
        + "priorityclasses.scheduling.k8s.io\n").lines().sorted().toList(),
        cli.run("api-resources", "--namespaced=false", "-o", "name").out().lines().sorted().toList());
  }
}
