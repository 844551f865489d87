package windlass.scheduler.plugins.interpodaffinity;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.kubernetes.client.proto.V1;
import java.util.List;

/** A pod's affinity terms by kind, parsed once per pod object (upstream's PodInfo fields). */
record PodAffinityTerms(List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAntiAffinity,
    List<AffinityTerm> preferredAffinity, List<AffinityTerm> preferredAntiAffinity) {

  /**
   * Parsed terms by pod instance (weak keys compare by identity): every cycle looks at the terms of the existing pods
   * with (anti-)affinity on all nodes, and parsing their selectors each time dominated those cycles.
   */
  private static final Cache<V1.Pod, PodAffinityTerms> PARSED = CacheBuilder.newBuilder().weakKeys().build();

  static PodAffinityTerms of(V1.Pod pod) {
    PodAffinityTerms t = PARSED.getIfPresent(pod);
    if (t == null) {
      t = parse(pod);
      PARSED.put(pod, t);
    }
    return t;
  }

  private static PodAffinityTerms parse(V1.Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    V1.Affinity a = pod.getSpec().getAffinity();
    return new PodAffinityTerms(
        List.copyOf(AffinityTerm.required(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecutionList(),
            ns)),
        List.copyOf(AffinityTerm.required(a.getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecutionList(), ns)),
        List.copyOf(AffinityTerm.preferred(a.getPodAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecutionList(), ns)),
        List.copyOf(AffinityTerm.preferred(a.getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecutionList(), ns)));
  }
}
