package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status.Code;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Certificates.CertificateSigningRequestCondition;
import io.kubernetes.client.proto.V1Rbac;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.ApiException;
import windlass.client.Kinds;

/** What the non-core kinds let an update change, with upstream's messages for the rest. */
class GroupKindsUpdateTest extends RegistryTestBase {
  @Test
  void daemonSetSelectorsAreImmutable() {
    V1Apps.DaemonSet ds = (V1Apps.DaemonSet) registry.create(Kinds.DAEMON_SET, "default",
        GroupObjects.daemonSet("agent"), false);
    V1Apps.DaemonSet.Builder b = ds.toBuilder();
    b.getSpecBuilder().getSelectorBuilder().putMatchLabels("tier", "node");
    b.getSpecBuilder().getTemplateBuilder().getMetadataBuilder().putLabels("tier", "node");
    ApiException e = fails(() -> registry.update(Kinds.DAEMON_SET, "default", b.build(), false));
    assertEquals("DaemonSet.apps \"agent\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        + "map[string]string{\"app\":\"agent\", \"tier\":\"node\"}, MatchExpressions:[]v1.LabelSelectorRequirement"
        + "(nil)}: field is immutable", e.getMessage());
  }

  @Test
  void statefulSetsOnlyChangeTheirMutableFields() {
    V1Apps.StatefulSet sts = (V1Apps.StatefulSet) registry.create(Kinds.STATEFUL_SET, "default",
        GroupObjects.statefulSet("db"), false);
    V1Apps.StatefulSet.Builder renamed = sts.toBuilder();
    renamed.getSpecBuilder().setServiceName("other");
    ApiException e = fails(() -> registry.update(Kinds.STATEFUL_SET, "default", renamed.build(), false));
    assertEquals("StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other "
        + "than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
        + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", e.getMessage());
    V1Apps.StatefulSet.Builder scaled = sts.toBuilder();
    scaled.getSpecBuilder().setReplicas(3).setMinReadySeconds(5);
    V1Apps.StatefulSet updated = (V1Apps.StatefulSet) registry.update(Kinds.STATEFUL_SET, "default",
        scaled.build(), false);
    assertEquals(3, updated.getSpec().getReplicas());
    assertEquals(2, updated.getMetadata().getGeneration(), "a spec change bumps the generation");
  }

  @Test
  void runningJobsKeepTheirTemplateAndSelector() {
    V1Batch.Job job = (V1Batch.Job) registry.create(Kinds.JOB, "default", GroupObjects.job("pi"), false);
    V1Batch.Job.Builder b = job.toBuilder();
    b.getSpecBuilder().getTemplateBuilder().getSpecBuilder().setContainers(0,
        job.getSpec().getTemplate().getSpec().getContainers(0).toBuilder().setImage("perl:5"));
    ApiException e = fails(() -> registry.update(Kinds.JOB, "default", b.build(), false));
    assertEquals("Job.batch \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is "
        + "immutable", e.getMessage());
    V1Batch.Job.Builder scaled = job.toBuilder();
    scaled.getSpecBuilder().setParallelism(3);
    assertEquals(2, ((V1Batch.Job) registry.update(Kinds.JOB, "default", scaled.build(), false)).getMetadata()
        .getGeneration());
  }

  @Test
  void aSuspendedJobThatNeverRanMayMoveItsPods() {
    V1Batch.Job in = GroupObjects.job("pi");
    in = in.toBuilder().setSpec(in.getSpec().toBuilder().setSuspend(true)).build();
    V1Batch.Job job = (V1Batch.Job) registry.create(Kinds.JOB, "default", in, false);
    V1Batch.Job.Builder b = job.toBuilder();
    b.getSpecBuilder().getTemplateBuilder().getSpecBuilder().putNodeSelector("zone", "a");
    V1Batch.Job moved = (V1Batch.Job) registry.update(Kinds.JOB, "default", b.build(), false);
    assertEquals(Map.of("zone", "a"), moved.getSpec().getTemplate().getSpec().getNodeSelectorMap());
  }

  @Test
  void jobStatusIsASubresource() {
    V1Batch.Job job = (V1Batch.Job) registry.create(Kinds.JOB, "default", GroupObjects.job("pi"), false);
    V1Batch.Job withStatus = job.toBuilder().setStatus(V1Batch.JobStatus.newBuilder().setActive(1)).build();
    assertEquals(0, ((V1Batch.Job) registry.update(Kinds.JOB, "default", withStatus, false)).getStatus()
        .getActive(), "the main resource ignores status");
    assertEquals(1, ((V1Batch.Job) registry.updateStatus(Kinds.JOB, "default", withStatus, false)).getStatus()
        .getActive());
  }

  @Test
  void roleRefsCannotChange() {
    V1Rbac.RoleBinding rb = (V1Rbac.RoleBinding) registry.create(Kinds.ROLE_BINDING, "default",
        GroupObjects.roleBinding("read", "reader"), false);
    V1Rbac.RoleBinding.Builder b = rb.toBuilder();
    b.getRoleRefBuilder().setName("writer");
    ApiException e = fails(() -> registry.update(Kinds.ROLE_BINDING, "default", b.build(), false));
    assertEquals("RoleBinding.rbac.authorization.k8s.io \"read\" is invalid: roleRef: Invalid value: rbac.RoleRef"
        + "{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"writer\"}: cannot change roleRef",
        e.getMessage());
    V1Rbac.RoleBinding.Builder more = rb.toBuilder().addSubjects(V1Rbac.Subject.newBuilder().setKind("Group")
        .setName("devs"));
    assertEquals(2, ((V1Rbac.RoleBinding) registry.update(Kinds.ROLE_BINDING, "default", more.build(), false))
        .getSubjectsCount());
  }

  @Test
  void certificateRequestsAreApprovedThroughTheApprovalSubresource() {
    V1Certificates.CertificateSigningRequest csr = (V1Certificates.CertificateSigningRequest) registry.create(
        Kinds.CERTIFICATE_SIGNING_REQUEST, "", GroupObjects.csr("node-csr", GroupObjects.CSR_PEM), false);
    V1Certificates.CertificateSigningRequest.Builder viaMain = csr.toBuilder();
    viaMain.getStatusBuilder().addConditions(condition("Approved"));
    V1Certificates.CertificateSigningRequest unchanged = (V1Certificates.CertificateSigningRequest)
        registry.update(Kinds.CERTIFICATE_SIGNING_REQUEST, "", viaMain.build(), false);
    assertEquals(0, unchanged.getStatus().getConditionsCount(), "the main resource does not approve");
    V1Certificates.CertificateSigningRequest approved = (V1Certificates.CertificateSigningRequest)
        registry.updateApproval(Kinds.CERTIFICATE_SIGNING_REQUEST, viaMain.build(), false);
    assertEquals(List.of("Approved"), approved.getStatus().getConditionsList().stream()
        .map(CertificateSigningRequestCondition::getType).toList());
    assertEquals("True", approved.getStatus().getConditions(0).getStatus(), "status defaults to True");
    V1Certificates.CertificateSigningRequest.Builder both = approved.toBuilder();
    both.getStatusBuilder().addConditions(condition("Denied"));
    ApiException e = fails(() -> registry.updateApproval(Kinds.CERTIFICATE_SIGNING_REQUEST, both.build(), false));
    assertEquals("CertificateSigningRequest.certificates.k8s.io \"node-csr\" is invalid: status.conditions[1].type: "
        + "Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive", e.getMessage());
    ApiException stale = fails(() -> registry.updateApproval(Kinds.CERTIFICATE_SIGNING_REQUEST, viaMain.build(),
        false));
    assertEquals(Code.ABORTED, stale.code());
    ApiException noApproval = fails(() -> registry.updateApproval(Kinds.POD, Objects.pod("p", "nginx"), false));
    assertEquals(Code.NOT_FOUND, noApproval.code());
  }

  private static CertificateSigningRequestCondition condition(String type) {
    return CertificateSigningRequestCondition.newBuilder().setType(type).setReason("KubectlApprove").build();
  }

  @Test
  void controllerRevisionDataIsImmutable() {
    V1Apps.ControllerRevision r = (V1Apps.ControllerRevision) registry.create(Kinds.CONTROLLER_REVISION, "default",
        GroupObjects.revision("web-1"), false);
    V1Apps.ControllerRevision.Builder b = r.toBuilder();
    b.getDataBuilder().setRaw(com.google.protobuf.ByteString.copyFromUtf8("{}"));
    assertEquals("ControllerRevision.apps \"web-1\" is invalid: data: Invalid value: runtime.RawExtension{...}: "
        + "field is immutable",
        fails(() -> registry.update(Kinds.CONTROLLER_REVISION, "default", b.build(), false)).getMessage());
  }
}
