package windlass.kubectl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import windlass.client.Kinds;
import windlass.kubectl.Cli;
import windlass.kubectl.ClusterTest;
import windlass.kubectl.manifests.LastApplied;

class CreateApplyTest extends ClusterTest {
  @TempDir
  Path dir;

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              ports:
              - containerPort: 80
      """;

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - port: 80
          targetPort: 80
      """;

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void createsEveryDocumentOfAMultiDocumentFile() throws IOException {
    Path f = file("app.yaml", DEPLOYMENT + "---\n" + SERVICE);
    Cli.Result r = cli.run("create", "-f", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/web created\nservice/web created\n", r.out());
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(2, d.getSpec().getReplicas());
    assertEquals("nginx:1.27", d.getSpec().getTemplate().getSpec().getContainers(0).getImage());
    assertNull(d.getMetadata().getAnnotationsMap().get(LastApplied.ANNOTATION), "create records no last-applied");
  }

  @Test
  void createReportsAnExistingObjectAsUpstreamAndCreatesTheOthers() throws IOException {
    cli.run("create", "-f", file("svc.yaml", SERVICE).toString());
    Path f = file("app.yaml", DEPLOYMENT + "---\n" + SERVICE);
    Cli.Result r = cli.run("create", "-f", f.toString());
    assertEquals(1, r.code());
    assertEquals("deployment.apps/web created\n", r.out());
    assertEquals("Error from server (AlreadyExists): error when creating \"" + f + "\": services \"web\" already "
        + "exists\n", r.err());
  }

  @Test
  void createReadsJsonListsFromStdin() {
    String json = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "team"},
           "spec": {"containers": [{"name": "c", "image": "busybox"}]}}
        ]}
        """;
    Cli.Result r = cli.stdin(json).run("create", "-f", "-");
    assertEquals(0, r.code(), r.err());
    assertEquals("namespace/team created\npod/p created\n", r.out());
  }

  @Test
  void createReadsEveryManifestOfADirectory() throws IOException {
    file("1-deploy.yaml", DEPLOYMENT);
    file("2-svc.yml", SERVICE);
    file("notes.txt", "not a manifest");
    Cli.Result r = cli.run("create", "-f", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/web created\nservice/web created\n", r.out());
  }

  @Test
  void oneBadDocumentStopsTheWholeApplyBeforeAnythingChanges() throws IOException {
    String bad = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: broken
        spec:
          containers:
          - name: c
            imagee: busybox
        """;
    Path f = file("app.yaml", DEPLOYMENT + "---\n" + bad + "---\n" + SERVICE);
    for (String verb : new String[] {"apply", "create"}) {
      Cli.Result r = cli.run(verb, "-f", f.toString());
      assertEquals(1, r.code());
      assertEquals("", r.out());
      assertEquals("error: error validating \"" + f + "\": error validating data: Pod in version \"v1\" cannot be "
          + "handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\"; if you choose to "
          + "ignore these errors, turn validation off with --validate=false\n", r.err());
    }
    assertEquals(0, server.writes(), "nothing may be created when a document is bad");
  }

  @Test
  void malformedYamlAndUnknownKindsAreReportedAndNothingIsCreated() throws IOException {
    Path yaml = file("broken.yaml", DEPLOYMENT + "---\nkind: [unclosed\n");
    Cli.Result r = cli.run("apply", "-f", yaml.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: error parsing " + yaml + ": error converting YAML to JSON: yaml: "), r.err());

    Path foo = file("foo.yaml", DEPLOYMENT + "---\napiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: f\n");
    r = cli.run("apply", "-f", foo.toString());
    assertEquals(1, r.code());
    assertEquals("error: resource mapping not found for name: \"f\" namespace: \"\" from \"" + foo + "\": no matches "
        + "for kind \"Foo\" in version \"example.com/v1\"\nensure CRDs are installed first\n", r.err());

    Path noKind = file("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
    r = cli.run("create", "-f", noKind.toString());
    assertEquals(1, r.code());
    assertEquals("error: error validating \"" + noKind + "\": error validating data: [kind not set]; if you choose to "
        + "ignore these errors, turn validation off with --validate=false\n", r.err());
    assertEquals(0, server.writes());
  }

  @Test
  void validateFalseDropsUnknownFieldsAndWarnSaysSo() throws IOException {
    Path f = file("pod.yaml", """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: busybox
            imagee: typo
        """);
    Cli.Result r = cli.run("create", "-f", f.toString(), "--validate=warn");
    assertEquals(0, r.code(), r.err());
    assertEquals("Warning: unknown field \"spec.containers[0].imagee\"\n", r.err());
    assertEquals("pod/p created\n", r.out());
    r = cli.run("apply", "-f", f.toString(), "--validate=false");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void applyRefusesGenerateName() throws IOException {
    Path f = file("gen.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: job-\nspec:\n  containers:\n"
        + "  - name: c\n    image: busybox\n");
    Cli.Result r = cli.run("apply", "-f", f.toString());
    assertEquals(1, r.code());
    assertEquals("error: from " + f + ": cannot use generate name with apply\n", r.err());
  }

  @Test
  void missingFileIsReported() {
    Cli.Result r = cli.run("apply", "-f", dir.resolve("nope.yaml").toString());
    assertEquals(1, r.code());
    assertEquals("error: the path \"" + dir.resolve("nope.yaml") + "\" does not exist\n", r.err());
  }

  @Test
  void applyCreatesThenLeavesUnchangedThenConfigures() throws IOException {
    Path f = file("app.yaml", DEPLOYMENT + "---\n" + SERVICE);
    Cli.Result r = cli.run("apply", "-f", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/web created\nservice/web created\n", r.out());

    r = cli.run("apply", "-f", f.toString());
    assertEquals("deployment.apps/web unchanged\nservice/web unchanged\n", r.out());
    int writes = server.writes();

    Files.writeString(f, DEPLOYMENT.replace("replicas: 2", "replicas: 5") + "---\n" + SERVICE);
    r = cli.run("apply", "-f", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/web configured\nservice/web unchanged\n", r.out());
    assertEquals(writes + 1, server.writes());
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(5, d.getSpec().getReplicas());
  }

  @Test
  void applyRecordsTheLastAppliedConfigurationAsUpstream() throws IOException {
    Path f = file("svc.yaml", SERVICE);
    cli.run("apply", "-f", f.toString());
    V1.Service s = server.get(Kinds.SERVICE, "default", "web");
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},\"name\":\"web\","
        + "\"namespace\":\"default\"},\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":80}],\"selector\":{\"app\":"
        + "\"web\"}}}\n", s.getMetadata().getAnnotationsMap().get(LastApplied.ANNOTATION));
  }

  @Test
  void applyKeepsWhatOthersChangedButRemovesWhatTheFileDropped() throws IOException {
    Path f = file("deploy.yaml", DEPLOYMENT.replace("  labels:\n    app: web\nspec",
        "  labels:\n    app: web\n    tier: front\nspec"));
    cli.run("apply", "-f", f.toString());
    V1Apps.Deployment live = server.get(Kinds.DEPLOYMENT, "default", "web");
    // someone else labels it and the server defaulted fields the file does not set
    server.put(live.toBuilder().setMetadata(live.getMetadata().toBuilder().putLabels("owner", "ops"))
        .setSpec(live.getSpec().toBuilder().setRevisionHistoryLimit(10)).build());
    Files.writeString(f, DEPLOYMENT);
    Cli.Result r = cli.run("apply", "-f", f.toString());
    assertEquals("deployment.apps/web configured\n", r.out(), r.err());
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "web");
    assertEquals(Map.of("app", "web", "owner", "ops"), d.getMetadata().getLabelsMap());
    assertEquals(10, d.getSpec().getRevisionHistoryLimit());
  }

  @Test
  void applyWithAnotherNamespaceThanTheFileIsRefused() throws IOException {
    Path f = file("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a\nspec:\n"
        + "  containers:\n  - name: c\n    image: busybox\n");
    Cli.Result r = cli.run("apply", "-f", f.toString(), "-n", "b");
    assertEquals(1, r.code());
    assertEquals("error: the namespace from the provided object \"a\" does not match the namespace \"b\". You must "
        + "pass '--namespace=a' to perform this operation.\n", r.err());
    assertEquals(0, server.writes());
  }

  @Test
  void createDeploymentPrintsUpstreamsLineAndStoresTheObject() {
    Cli.Result r = cli.run("create", "deployment", "nginx", "--image=nginx");
    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/nginx created\n", r.out());
    V1Apps.Deployment d = server.get(Kinds.DEPLOYMENT, "default", "nginx");
    assertEquals("nginx", d.getSpec().getTemplate().getSpec().getContainers(0).getName());
    assertEquals(1, d.getSpec().getReplicas());

    r = cli.run("create", "deployment", "sleeper", "--image=busybox", "--", "sleep", "3600");
    assertEquals(0, r.code(), r.err());
    V1Apps.Deployment s = server.get(Kinds.DEPLOYMENT, "default", "sleeper");
    assertEquals(java.util.List.of("sleep", "3600"), s.getSpec().getTemplate().getSpec().getContainers(0)
        .getCommandList());

    r = cli.run("create", "deployment", "nginx", "--image=nginx");
    assertEquals(1, r.code());
    assertEquals("Error from server (AlreadyExists): deployments.apps \"nginx\" already exists\n", r.err());
  }

  @Test
  void createDeploymentNeedsANameAndAnImage() {
    Cli.Result r = cli.run("create", "deployment", "--image=nginx");
    assertEquals(1, r.code());
    assertEquals("error: exactly one NAME is required, got 0\n", r.err());
    r = cli.run("create", "deployment", "web");
    assertEquals("error: required flag(s) \"image\" not set\n", r.err());
  }

  @Test
  void createDeploymentDryRunPrintsYaml() {
    Cli.Result r = cli.run("create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("apiVersion: apps/v1\nkind: Deployment\n"), r.out());
    assertEquals(0, server.writes());
  }

  @Test
  void createPriorityClassAsUpstream() {
    Cli.Result r = cli.run("create", "priorityclass", "high", "--value=1000", "--description=important",
        "--global-default");
    assertEquals(0, r.code(), r.err());
    assertEquals("priorityclass.scheduling.k8s.io/high created\n", r.out());
    io.kubernetes.client.proto.V1Scheduling.PriorityClass pc = server.get(Kinds.PRIORITY_CLASS, "", "high");
    assertEquals(1000, pc.getValue());
    assertTrue(pc.getGlobalDefault());
    assertEquals("important", pc.getDescription());
    assertEquals("PreemptLowerPriority", pc.getPreemptionPolicy());

    r = cli.run("create", "pc", "batch", "--value=-5", "--preemption-policy=Never", "--dry-run=client", "-o", "yaml");
    assertEquals(0, r.code(), r.err());
    assertEquals("""
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata:
          name: batch
        preemptionPolicy: Never
        value: -5
        """, r.out());
    assertEquals("error: exactly one NAME is required, got 0\n", cli.run("create", "priorityclass").err());
  }
}
