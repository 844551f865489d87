package windlass.kubectl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import windlass.kubectl.Cli;
import windlass.kubectl.ClusterTest;

class GetCommandTest extends ClusterTest {
  @Test
  void listsPodsOfTheNamespaceAsATable() {
    pod("default", "web-1", "app", "web");
    pod("default", "db-1", "app", "db");
    pod("other", "x");
    Cli.Result r = cli.run("get", "pods");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        NAME    READY   STATUS    RESTARTS   AGE
        db-1    0/1     Running   0          62m
        web-1   0/1     Running   0          62m
        """, r.out());
  }

  @Test
  void labelSelectorAndShortNames() {
    pod("default", "web-1", "app", "web");
    pod("default", "db-1", "app", "db");
    assertEquals("pod/web-1\n", cli.run("get", "po", "-l", "app=web", "-o", "name").out());
    assertEquals("pod/db-1\n", cli.run("get", "pods", "--selector=app!=web", "-o", "name").out());
    assertEquals("pod/web-1\n", cli.run("get", "pods", "--field-selector", "metadata.name=web-1", "-o", "name").out());
  }

  @Test
  void namedObjectsFoundArePrintedAndTheMissingOnesReported() {
    pod("default", "a");
    Cli.Result r = cli.run("get", "pods", "a", "missing", "-o", "name");
    assertEquals(1, r.code());
    assertEquals("pod/a\n", r.out());
    assertEquals("Error from server (NotFound): pods \"missing\" not found\n", r.err());
  }

  @Test
  void typeSlashNameAndSeveralTypes() {
    pod("default", "a");
    server.put(V1.Service.newBuilder().setMetadata(meta("default", "svc"))
        .setSpec(V1.ServiceSpec.newBuilder().setType("ClusterIP").addClusterIPs("10.96.0.10")).build());
    assertEquals("pod/a\nservice/svc\n", cli.run("get", "pod/a", "svc/svc", "-o", "name").out());
    Cli.Result r = cli.run("get", "pod,svc");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        NAME    READY   STATUS    RESTARTS   AGE
        pod/a   0/1     Running   0          62m

        NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
        service/svc   ClusterIP   10.96.0.10   <none>        <none>    62m
        """, r.out());
  }

  @Test
  void allNamespacesAddsTheNamespaceColumn() {
    pod("default", "a");
    pod("kube-system", "coredns");
    Cli.Result r = cli.run("get", "pods", "-A");
    assertEquals("""
        NAMESPACE     NAME      READY   STATUS    RESTARTS   AGE
        default       a         0/1     Running   0          62m
        kube-system   coredns   0/1     Running   0          62m
        """, r.out());
  }

  @Test
  void yamlOfANamedObjectIsTheObjectAndOfAListIsAList() {
    pod("default", "a");
    Cli.Result r = cli.run("get", "pod", "a", "-o", "yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: \"2026-01-01T00:00:00Z\"\n"
        + "  name: a\n  namespace: default\n"), r.out());
    r = cli.run("get", "pods", "-o", "yaml");
    assertTrue(r.out().startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n"), r.out());
    assertTrue(r.out().endsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n"), r.out());
  }

  @Test
  void jsonIsIndentedAsKubectlPrintsIt() {
    server.put(V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("team")
        .setUid("u1").setResourceVersion("1")).setStatus(V1.NamespaceStatus.newBuilder().setPhase("Active")).build());
    Cli.Result r = cli.run("get", "ns", "team", "-o", "json");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {
                "creationTimestamp": "2026-01-01T00:00:00Z",
                "name": "team",
                "resourceVersion": "%s",
                "uid": "u1"
            },
            "status": {
                "phase": "Active"
            }
        }
        """.formatted(server.<V1.Namespace>get(windlass.client.Kinds.NAMESPACE, "", "team").getMetadata()
            .getResourceVersion()), r.out());
    r = cli.run("get", "pods", "-o", "json");
    assertEquals("{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n"
        + "        \"resourceVersion\": \"\"\n    }\n}\n", r.out());
    assertEquals("", r.err(), "only tables say No resources found");
  }

  @Test
  void watchWithYamlPrintsOneDocumentPerObject() throws Exception {
    pod("default", "a");
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli.run("get", "pods", "-w", "-o", "yaml"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.hasWatchers() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    pod("default", "b");
    server.endWatches();
    Cli.Result r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("apiVersion: v1\nkind: Pod\n"), r.out());
    assertEquals(2, r.out().split("\n---\n").length, r.out());
    assertTrue(r.out().contains("  name: b\n"), r.out());
  }

  @Test
  void unknownOutputFormat() {
    Cli.Result r = cli.run("get", "pods", "-o", "xml");
    assertEquals(1, r.code());
    assertEquals("error: unable to match a printer suitable for the output format \"xml\", allowed formats are: "
        + "json,name,wide,yaml\n", r.err());
  }

  @Test
  void noTypeIsAnError() {
    Cli.Result r = cli.run("get");
    assertEquals(1, r.code());
    assertTrue(r.err().endsWith("error: Required resource not specified.\n"), r.err());
  }

  @Test
  void watchPrintsChangesUnderTheTable() throws Exception {
    pod("default", "a");
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli.run("get", "pods", "-w"));
    // the watch is open once the table is printed; each change then becomes a row
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.hasWatchers() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    pod("default", "b");
    server.endWatches();
    Cli.Result r = run.get(10, TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        NAME   READY   STATUS    RESTARTS   AGE
        a      0/1     Running   0          62m
        b      0/1     Running   0          62m
        """, r.out());
  }
}
