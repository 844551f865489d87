package windlass.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.Map;
import org.junit.jupiter.api.Test;
import windlass.client.Kinds;

/** Defaults of the non-core kinds, as upstream fills them. */
class GroupKindsDefaultingTest extends RegistryTestBase {
  @Test
  void daemonSetsRollOneNodeAtATime() {
    V1Apps.DaemonSet ds = (V1Apps.DaemonSet) registry.create(Kinds.DAEMON_SET, "default",
        GroupObjects.daemonSet("agent"), false);
    V1Apps.DaemonSetSpec s = ds.getSpec();
    assertEquals("RollingUpdate", s.getUpdateStrategy().getType());
    assertEquals(1, s.getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    assertEquals(0, s.getUpdateStrategy().getRollingUpdate().getMaxSurge().getIntVal());
    assertEquals(10, s.getRevisionHistoryLimit());
    assertEquals("Always", s.getTemplate().getSpec().getRestartPolicy());
    assertEquals(1, ds.getMetadata().getGeneration());
  }

  @Test
  void statefulSetsStartOrderedAndRetainTheirClaims() {
    V1Apps.StatefulSetSpec s = ((V1Apps.StatefulSet) registry.create(Kinds.STATEFUL_SET, "default",
        GroupObjects.statefulSet("db"), false)).getSpec();
    assertEquals(1, s.getReplicas());
    assertEquals("OrderedReady", s.getPodManagementPolicy());
    assertEquals("RollingUpdate", s.getUpdateStrategy().getType());
    assertEquals(0, s.getUpdateStrategy().getRollingUpdate().getPartition());
    assertEquals("Retain", s.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    assertEquals("Retain", s.getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
    assertEquals(10, s.getRevisionHistoryLimit());
  }

  @Test
  void jobsRunOncePodWithAGeneratedSelector() {
    V1Batch.Job in = GroupObjects.job("pi");
    in = in.toBuilder().setSpec(in.getSpec().toBuilder().setTemplate(
        GroupObjects.template(Map.of("app", "pi"), "Never"))).build();
    V1Batch.Job job = (V1Batch.Job) registry.create(Kinds.JOB, "default", in, false);
    V1Batch.JobSpec s = job.getSpec();
    String uid = job.getMetadata().getUid();
    assertEquals(1, s.getCompletions());
    assertEquals(1, s.getParallelism());
    assertEquals(6, s.getBackoffLimit());
    assertEquals("NonIndexed", s.getCompletionMode());
    assertFalse(s.getSuspend());
    assertFalse(s.getManualSelector());
    assertEquals("TerminatingOrFailed", s.getPodReplacementPolicy());
    assertEquals(Map.of("batch.kubernetes.io/controller-uid", uid), s.getSelector().getMatchLabelsMap());
    assertEquals(Map.of("app", "pi", "controller-uid", uid, "batch.kubernetes.io/controller-uid", uid,
        "job-name", "pi", "batch.kubernetes.io/job-name", "pi"), s.getTemplate().getMetadata().getLabelsMap());
    assertEquals(Map.of("app", "pi"), job.getMetadata().getLabelsMap(), "labels come from the template");
    assertEquals(1, job.getMetadata().getGeneration());
  }

  @Test
  void cronJobsAllowOverlapAndKeepSomeHistory() {
    V1Batch.CronJobSpec s = ((V1Batch.CronJob) registry.create(Kinds.CRON_JOB, "default",
        GroupObjects.cronJob("nightly", "0 3 * * mon-fri"), false)).getSpec();
    assertEquals("Allow", s.getConcurrencyPolicy());
    assertFalse(s.getSuspend());
    assertEquals(3, s.getSuccessfulJobsHistoryLimit());
    assertEquals(1, s.getFailedJobsHistoryLimit());
    assertEquals("OnFailure", s.getJobTemplate().getSpec().getTemplate().getSpec().getRestartPolicy());
  }

  @Test
  void autoscalersTargetEightyPercentCpuFromOneReplica() {
    V2Autoscaling.HorizontalPodAutoscalerSpec s = ((V2Autoscaling.HorizontalPodAutoscaler) registry.create(
        Kinds.HORIZONTAL_POD_AUTOSCALER, "default", GroupObjects.hpa("web", 5), false)).getSpec();
    assertEquals(1, s.getMinReplicas());
    assertEquals("Resource", s.getMetrics(0).getType());
    assertEquals("cpu", s.getMetrics(0).getResource().getName());
    assertEquals(80, s.getMetrics(0).getResource().getTarget().getAverageUtilization());
  }

  @Test
  void autoscalerBehaviorsGetUpstreamsScalingRules() {
    V2Autoscaling.HorizontalPodAutoscaler in = GroupObjects.hpa("web", 5);
    in = in.toBuilder().setSpec(in.getSpec().toBuilder().setBehavior(
        V2Autoscaling.HorizontalPodAutoscalerBehavior.getDefaultInstance())).build();
    V2Autoscaling.HorizontalPodAutoscalerBehavior b = ((V2Autoscaling.HorizontalPodAutoscaler) registry.create(
        Kinds.HORIZONTAL_POD_AUTOSCALER, "default", in, false)).getSpec().getBehavior();
    assertEquals(0, b.getScaleUp().getStabilizationWindowSeconds());
    assertEquals("Max", b.getScaleUp().getSelectPolicy());
    assertEquals(2, b.getScaleUp().getPoliciesCount());
    assertEquals(4, b.getScaleUp().getPolicies(0).getValue());
    assertEquals("Percent", b.getScaleDown().getPolicies(0).getType());
    assertFalse(b.getScaleDown().hasStabilizationWindowSeconds());
  }

  @Test
  void endpointSlicePortsDefaultToTcp() {
    V1Discovery.EndpointSlice es = (V1Discovery.EndpointSlice) registry.create(Kinds.ENDPOINT_SLICE, "default",
        GroupObjects.endpointSlice("web-abc", "IPv4", "10.244.0.5"), false);
    assertEquals("TCP", es.getPorts(0).getProtocol());
    assertEquals(1, es.getMetadata().getGeneration());
  }

  @Test
  void bindingsGetTheRbacApiGroup() {
    registry.create(Kinds.ROLE, "default", GroupObjects.role("reader"), false);
    V1Rbac.RoleBinding rb = (V1Rbac.RoleBinding) registry.create(Kinds.ROLE_BINDING, "default",
        GroupObjects.roleBinding("read", "reader"), false);
    assertEquals("rbac.authorization.k8s.io", rb.getRoleRef().getApiGroup());
    assertEquals("rbac.authorization.k8s.io", rb.getSubjects(0).getApiGroup());
    V1Rbac.ClusterRoleBinding crb = (V1Rbac.ClusterRoleBinding) registry.create(Kinds.CLUSTER_ROLE_BINDING, "",
        GroupObjects.clusterRoleBinding("view-all", "view"), false);
    assertEquals("", crb.getSubjects(0).getApiGroup(), "service accounts are in the core group");
    assertEquals("", crb.getMetadata().getNamespace());
  }

  @Test
  void ingressesTrackTheirGeneration() {
    V1Networking.Ingress ing = (V1Networking.Ingress) registry.create(Kinds.INGRESS, "default",
        GroupObjects.ingress("web", GroupObjects.path("/", "Prefix")), false);
    assertEquals(1, ing.getMetadata().getGeneration());
    V1Networking.Ingress.Builder b = ing.toBuilder();
    b.getSpecBuilder().setIngressClassName("nginx");
    V1Networking.Ingress updated = (V1Networking.Ingress) registry.update(Kinds.INGRESS, "default", b.build(), false);
    assertEquals(2, updated.getMetadata().getGeneration());
  }
}
