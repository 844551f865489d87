package windlass.scheduler.plugins.interpodaffinity;

import io.kubernetes.client.proto.V1;
import java.util.List;

/** A pod's affinity terms by kind, parsed once (upstream's PodInfo fields). */
record PodAffinityTerms(List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAntiAffinity,
    List<AffinityTerm> preferredAffinity, List<AffinityTerm> preferredAntiAffinity) {

  static PodAffinityTerms of(V1.Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    V1.Affinity a = pod.getSpec().getAffinity();
    return new PodAffinityTerms(
        AffinityTerm.required(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecutionList(), ns),
        AffinityTerm.required(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecutionList(), ns),
        AffinityTerm.preferred(a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecutionList(), ns),
        AffinityTerm.preferred(a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecutionList(), ns));
  }
}
