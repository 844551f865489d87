package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static windlass.apiserver.registry.Objects.deployment;
import static windlass.apiserver.registry.Objects.pod;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;
import windlass.client.ObjectList;

class RegistryTest extends RegistryTestBase {
  @Test
  void systemNamespacesExistFromTheStart() {
    List<String> names = registry.list(Kinds.NAMESPACE, ListQuery.all("")).items().stream()
        .map(m -> ((V1.Namespace) m).getMetadata().getName()).toList();
    assertEquals(List.of("default", "kube-node-lease", "kube-public", "kube-system"), names);
    V1.Namespace def = (V1.Namespace) registry.get(Kinds.NAMESPACE, "", "default");
    assertEquals("Active", def.getStatus().getPhase());
    assertEquals("default", def.getMetadata().getLabelsOrThrow("kubernetes.io/metadata.name"));
    assertEquals(List.of("kubernetes"), def.getSpec().getFinalizersList());
  }

  @Test
  void createFillsSystemFieldsAndResourceVersionIsTheRevision() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", pod("web-0", "nginx:1.27"), false);
    assertEquals("default", p.getMetadata().getNamespace());
    assertEquals(36, p.getMetadata().getUid().length());
    assertEquals(NOW.getEpochSecond(), p.getMetadata().getCreationTimestamp().getSeconds());
    assertEquals(Long.toString(backend.currentRevision()), p.getMetadata().getResourceVersion());
    assertFalse(p.getMetadata().hasGeneration(), "pods carry no generation in 1.32");
    assertEquals(p, registry.get(Kinds.POD, "default", "web-0"));
  }

  @Test
  void duplicateCreateIsAlreadyExists() {
    registry.create(Kinds.POD, "default", pod("web-0", "nginx"), false);
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", pod("web-0", "nginx"), false));
    assertEquals(Code.ALREADY_EXISTS, e.code());
    assertEquals("pods \"web-0\" already exists", e.getMessage());
    registry.create(Kinds.DEPLOYMENT, "default", deployment("web", Map.of("app", "web")), false);
    ApiException d =
        fails(() -> registry.create(Kinds.DEPLOYMENT, "default", deployment("web", Map.of("app", "web")), false));
    assertEquals("deployments.apps \"web\" already exists", d.getMessage());
  }

  @Test
  void generateNameAppendsFiveUpstreamCharacters() {
    V1.Pod p = pod("", "nginx");
    p = p.toBuilder().setMetadata(p.getMetadata().toBuilder().setGenerateName("web-")).build();
    V1.Pod created = (V1.Pod) registry.create(Kinds.POD, "default", p, false);
    assertTrue(created.getMetadata().getName().matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"),
        created.getMetadata().getName());
  }

  @Test
  void missingObjectsAreNotFound() {
    ApiException e = fails(() -> registry.get(Kinds.POD, "default", "nope"));
    assertEquals(Code.NOT_FOUND, e.code());
    assertEquals("pods \"nope\" not found", e.getMessage());
    assertEquals("pods \"nope\" not found",
        fails(() -> registry.delete(Kinds.POD, "default", "nope", DeleteOptions.DEFAULT)).getMessage());
    assertEquals(Code.NOT_FOUND, fails(() -> registry.update(Kinds.POD, "default", pod("nope", "x"), false)).code());
  }

  @Test
  void namespacedObjectsNeedTheirNamespace() {
    ApiException e = fails(() -> registry.create(Kinds.POD, "foo", pod("web", "nginx"), false));
    assertEquals(Code.NOT_FOUND, e.code());
    assertEquals("namespaces \"foo\" not found", e.getMessage());
    registry.create(Kinds.NAMESPACE, "", Objects.namespace("foo"), false);
    registry.create(Kinds.POD, "foo", pod("web", "nginx"), false);
  }

  @Test
  void requestAndObjectNamespacesMustAgree() {
    V1.Pod p = pod("web", "nginx");
    V1.Pod inOther = p.toBuilder().setMetadata(p.getMetadata().toBuilder().setNamespace("kube-system")).build();
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", inOther, false));
    assertEquals("the namespace of the provided object does not match the namespace sent on the request",
        e.getMessage());
  }

  @Test
  void staleUpdateIsAConflictAndEmptyResourceVersionIsUnconditional() {
    V1.Pod v1 = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx:1.26"), false);
    V1.Pod v2 = (V1.Pod) registry.update(Kinds.POD, "default", withImage(v1, "nginx:1.27"), false);
    assertNotEquals(v1.getMetadata().getResourceVersion(), v2.getMetadata().getResourceVersion());
    ApiException e = fails(() -> registry.update(Kinds.POD, "default", withImage(v1, "nginx:1.28"), false));
    assertEquals(Code.ABORTED, e.code());
    assertEquals("Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your "
        + "changes to the latest version and try again", e.getMessage());
    V1.Pod blind = withImage(v1, "nginx:1.28");
    blind = blind.toBuilder().setMetadata(blind.getMetadata().toBuilder().clearResourceVersion()).build();
    V1.Pod v3 = (V1.Pod) registry.update(Kinds.POD, "default", blind, false);
    assertEquals("nginx:1.28", v3.getSpec().getContainers(0).getImage());
  }

  @Test
  void anUpdateThatChangesNothingWritesNothing() {
    V1.Pod v1 = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    long before = backend.currentRevision();
    Message same = registry.update(Kinds.POD, "default", v1, false);
    assertEquals(v1, same);
    assertEquals(before, backend.currentRevision());
  }

  @Test
  void updateIgnoresStatusAndUpdateStatusOnlyWritesStatus() {
    V1.Pod v1 = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    V1.Pod.Builder b = v1.toBuilder();
    b.getStatusBuilder().setPhase("Running");
    b.getMetadataBuilder().putLabels("tier", "front");
    V1.Pod v2 = (V1.Pod) registry.update(Kinds.POD, "default", b.build(), false);
    assertEquals("Pending", v2.getStatus().getPhase());
    assertEquals("front", v2.getMetadata().getLabelsOrThrow("tier"));
    V1.Pod.Builder s = v2.toBuilder();
    s.getStatusBuilder().setPhase("Running");
    s.getMetadataBuilder().putLabels("tier", "back");
    V1.Pod v3 = (V1.Pod) registry.updateStatus(Kinds.POD, "default", s.build(), false);
    assertEquals("Running", v3.getStatus().getPhase());
    assertEquals("front", v3.getMetadata().getLabelsOrThrow("tier"));
  }

  @Test
  void generationStartsAtOneAndFollowsSpecChanges() {
    V1Apps.Deployment d = (V1Apps.Deployment) registry.create(Kinds.DEPLOYMENT, "default",
        deployment("web", Map.of("app", "web")), false);
    assertEquals(1, d.getMetadata().getGeneration());
    V1Apps.Deployment.Builder labels = d.toBuilder();
    labels.getMetadataBuilder().putLabels("x", "y");
    d = (V1Apps.Deployment) registry.update(Kinds.DEPLOYMENT, "default", labels.build(), false);
    assertEquals(1, d.getMetadata().getGeneration());
    V1Apps.Deployment.Builder scaled = d.toBuilder();
    scaled.getSpecBuilder().setReplicas(3);
    d = (V1Apps.Deployment) registry.update(Kinds.DEPLOYMENT, "default", scaled.build(), false);
    assertEquals(2, d.getMetadata().getGeneration());
    V1Apps.Deployment.Builder status = d.toBuilder();
    status.getStatusBuilder().setReplicas(3).setObservedGeneration(2);
    d = (V1Apps.Deployment) registry.updateStatus(Kinds.DEPLOYMENT, "default", status.build(), false);
    assertEquals(2, d.getMetadata().getGeneration());
    assertEquals(3, d.getStatus().getReplicas());
  }

  @Test
  void listFiltersByNamespaceLabelsAndFieldsAndPages() {
    registry.create(Kinds.NAMESPACE, "", Objects.namespace("other"), false);
    for (int i = 0; i < 5; i++) {
      registry.create(Kinds.POD, "default", pod("web-" + i, Map.of("app", "web", "idx", "i" + i)), false);
    }
    registry.create(Kinds.POD, "default", pod("db-0", Map.of("app", "db")), false);
    registry.create(Kinds.POD, "other", pod("web-x", Map.of("app", "web")), false);

    assertEquals(7, registry.list(Kinds.POD, ListQuery.all("")).items().size());
    assertEquals(6, registry.list(Kinds.POD, ListQuery.all("default")).items().size());
    assertEquals(6, registry.list(Kinds.POD, ListQuery.all("").withLabelSelector("app=web")).items().size());
    assertEquals(2, registry.list(Kinds.POD, ListQuery.all("").withLabelSelector("idx in (i1,i3)")).items().size());
    assertEquals(1, registry.list(Kinds.POD, ListQuery.all("").withLabelSelector("!idx,app!=db")).items().size());
    assertEquals(1, registry.list(Kinds.POD, ListQuery.all("").withFieldSelector("metadata.name=db-0")).items().size());
    assertEquals(7, registry.list(Kinds.POD, ListQuery.all("").withFieldSelector("status.phase=Pending,spec.nodeName="))
        .items().size());

    ObjectList<Message> first = registry.list(Kinds.POD, ListQuery.all("").withLabelSelector("app=web").withLimit(4, ""));
    assertEquals(4, first.items().size());
    assertFalse(first.continueToken().isEmpty());
    registry.create(Kinds.POD, "other", pod("web-y", Map.of("app", "web")), false);
    ObjectList<Message> second = registry.list(Kinds.POD,
        ListQuery.all("").withLabelSelector("app=web").withLimit(4, first.continueToken()));
    assertEquals(2, second.items().size(), "later pages read the first page's snapshot");
    assertEquals(first.resourceVersion(), second.resourceVersion());
    assertEquals("", second.continueToken());
  }

  @Test
  void badSelectorsAreBadRequests() {
    ApiException e = fails(() -> registry.list(Kinds.POD, ListQuery.all("").withFieldSelector("spec.foo=bar")));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("field label not supported: spec.foo", e.getMessage());
    e = fails(() -> registry.list(Kinds.POD, ListQuery.all("").withLabelSelector("app in web")));
    assertEquals("unable to parse requirement: found 'web', expected: (", e.getMessage());
  }

  @Test
  void deletingAnUnboundPodRemovesItAtOnce() {
    registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    V1.Pod gone = (V1.Pod) registry.delete(Kinds.POD, "default", "web", DeleteOptions.DEFAULT);
    assertEquals(Long.toString(backend.currentRevision()), gone.getMetadata().getResourceVersion());
    assertEquals(Code.NOT_FOUND, fails(() -> registry.get(Kinds.POD, "default", "web")).code());
  }

  @Test
  void deletePreconditionsAreChecked() {
    V1.Pod p = (V1.Pod) registry.create(Kinds.POD, "default", pod("web", "nginx"), false);
    ApiException e = fails(() -> registry.delete(Kinds.POD, "default", "web",
        new DeleteOptions(null, DeleteOptions.Propagation.BACKGROUND, "other-uid", "", false)));
    assertEquals(Code.ABORTED, e.code());
    assertEquals("Operation cannot be fulfilled on pods \"web\": Precondition failed: UID in precondition: other-uid, "
        + "UID in object meta: " + p.getMetadata().getUid(), e.getMessage());
  }

  @Test
  void finalizersHoldAnObjectUntilRemoved() {
    V1.Pod p = pod("web", "nginx");
    p = p.toBuilder().setMetadata(p.getMetadata().toBuilder().addFinalizers("example.com/hold")).build();
    registry.create(Kinds.POD, "default", p, false);
    V1.Pod marked = (V1.Pod) registry.delete(Kinds.POD, "default", "web", DeleteOptions.DEFAULT);
    assertTrue(marked.getMetadata().hasDeletionTimestamp());
    V1.Pod released = marked.toBuilder().setMetadata(marked.getMetadata().toBuilder().clearFinalizers()).build();
    registry.update(Kinds.POD, "default", released, false);
    assertEquals(Code.NOT_FOUND, fails(() -> registry.get(Kinds.POD, "default", "web")).code());
  }

  @Test
  void objectsOverTheSizeLimitAreRejected() {
    V1.Pod p = pod("big", "nginx");
    p = p.toBuilder().setMetadata(p.getMetadata().toBuilder()
        .putAnnotations("a", "x".repeat(100_000))).build();
    V1.Pod.Builder b = p.toBuilder();
    for (int i = 0; i < 8; i++) {
      b.getSpecBuilder().addContainers(io.kubernetes.client.proto.V1.Container.newBuilder().setName("c" + i)
          .setImage("nginx").addCommand("z".repeat(200_000)));
    }
    V1.Pod big = b.build();
    ApiException e = fails(() -> registry.create(Kinds.POD, "default", big, false));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("Request entity too large: limit is 1572864", e.getMessage());
    assertEquals(413, e.status().getCode());
  }

  private static V1.Pod withImage(V1.Pod p, String image) {
    V1.Pod.Builder b = p.toBuilder();
    b.getSpecBuilder().setContainers(0, p.getSpec().getContainers(0).toBuilder().setImage(image));
    return b.build();
  }
}
