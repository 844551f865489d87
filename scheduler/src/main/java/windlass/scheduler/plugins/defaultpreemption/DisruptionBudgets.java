package windlass.scheduler.plugins.defaultpreemption;

import io.kubernetes.client.proto.V1Policy;
import java.util.List;

/**
 * Where preemption reads policy/v1 PodDisruptionBudgets (the scheduler's informer lister; fakes in tests), as
 * upstream's pdbLister.
 */
@FunctionalInterface
public interface DisruptionBudgets {
  /** No budgets: every victim is free to go. */
  DisruptionBudgets NONE = List::of;

  /** Every budget, all namespaces. */
  List<V1Policy.PodDisruptionBudget> list();
}
