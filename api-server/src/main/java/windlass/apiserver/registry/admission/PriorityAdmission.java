package windlass.apiserver.registry.admission;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Scheduling.PriorityClass;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.ListQuery;
import windlass.apiserver.registry.ResourceStore;
import windlass.apiserver.registry.scheduling.SystemPriorityClasses;
import windlass.client.ApiException;
import windlass.client.Kinds;

/**
 * upstream's Priority admission. Pod creates: {@code spec.priorityClassName} resolves to the class's value and
 * preemptionPolicy ({@code no PriorityClass with name X was found} when there is none); a pod naming no class gets the
 * globalDefault class (its name too) or priority 0 and PreemptLowerPriority; a pod may not bring a priority or
 * preemptionPolicy of its own that differs from what the class gives. PriorityClass creates and updates: only one
 * class may be the globalDefault. It also creates upstream's built-in classes (system-node-critical,
 * system-cluster-critical) as the apiserver's bootstrap hook does.
 */
final class PriorityAdmission {
  private static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";

  private final ResourceStore classes;

  PriorityAdmission(ResourceStore classes) {
    this.classes = classes;
  }

  V1.Pod admit(V1.Pod pod) {
    V1.PodSpec spec = pod.getSpec();
    String name = pod.getMetadata().getName().isEmpty() ? pod.getMetadata().getGenerateName()
        : pod.getMetadata().getName();
    PriorityClass pc;
    if (spec.getPriorityClassName().isEmpty()) {
      pc = globalDefault(null, ListQuery.all("").withResourceVersion("0"));
    } else {
      pc = (PriorityClass) classes.findCurrent("", spec.getPriorityClassName()).orElseThrow(() ->
          ApiErrors.forbidden(Kinds.POD, name, "no PriorityClass with name " + spec.getPriorityClassName()
              + " was found"));
    }
    int priority = pc == null ? 0 : pc.getValue();
    String policy = pc == null || !pc.hasPreemptionPolicy() ? PREEMPT_LOWER_PRIORITY : pc.getPreemptionPolicy();
    if (spec.hasPriority() && spec.getPriority() != priority) {
      throw ApiErrors.forbidden(Kinds.POD, name, "the integer value of priority (" + spec.getPriority()
          + ") must not be provided in pod spec; priority admission controller computed " + priority
          + " from the given PriorityClass name");
    }
    if (spec.hasPreemptionPolicy() && !spec.getPreemptionPolicy().equals(policy)) {
      throw ApiErrors.forbidden(Kinds.POD, name, "the string value of PreemptionPolicy (" + spec.getPreemptionPolicy()
          + ") must not be provided in pod spec; priority admission controller computed " + policy
          + " from the given PriorityClass name");
    }
    V1.Pod.Builder b = pod.toBuilder();
    b.getSpecBuilder().setPriority(priority).setPreemptionPolicy(policy);
    if (pc != null) {
      b.getSpecBuilder().setPriorityClassName(pc.getMetadata().getName());
    }
    return b.build();
  }

  /** A class being created or replaced: no second globalDefault. */
  void admitClass(Message obj) {
    PriorityClass pc = (PriorityClass) obj;
    if (!pc.getGlobalDefault()) {
      return;
    }
    PriorityClass other = globalDefault(pc.getMetadata().getName(), ListQuery.all(""));
    if (other != null) {
      throw ApiErrors.forbidden(Kinds.PRIORITY_CLASS, pc.getMetadata().getName(), "PriorityClass "
          + other.getMetadata().getName() + " is already marked as default. Only one default can exist");
    }
  }

  /**
   * The globalDefault class other than {@code except}; with more than one (written concurrently), the lowest value, as
   * upstream. Pods read the watch cache as it is ({@code resourceVersion "0"}), as upstream's lister: a class made
   * default a moment before may not count yet. A class being made default reads consistently (the cache once caught
   * up), so two defaults written one after the other are refused; writes at the same moment can still both land, as
   * upstream.
   */
  private PriorityClass globalDefault(String except, ListQuery query) {
    PriorityClass found = null;
    for (Message m : classes.list(query).items()) {
      PriorityClass pc = (PriorityClass) m;
      if (pc.getGlobalDefault() && !pc.getMetadata().getName().equals(except)
          && (found == null || pc.getValue() < found.getValue())) {
        found = pc;
      }
    }
    return found;
  }

  /** Creates the built-in classes that are missing. */
  void ensureSystemClasses() {
    for (PriorityClass pc : SystemPriorityClasses.ALL) {
      if (classes.find("", pc.getMetadata().getName()).isPresent()) {
        continue;
      }
      try {
        classes.create(pc, false);
      } catch (ApiException e) {
        if (e.code() != io.grpc.Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
  }
}
