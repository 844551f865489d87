package windlass.scheduler.config;

import java.util.Map;
import java.util.function.Function;
import windlass.client.Clock;
import windlass.client.events.EventRecorder;
import windlass.scheduler.plugins.defaultpreemption.DisruptionBudgets;
import windlass.scheduler.plugins.volumebinding.VolumeLister;

/**
 * What the scheduler gives in-tree plugins besides the client (parts of upstream's framework.Handle): listers fed by
 * its informers, and its event recorders by profile (schedulerName).
 *
 * @param volumes claims and volumes, for VolumeBinding
 * @param budgets PodDisruptionBudgets, for DefaultPreemption
 * @param recorders the EventRecorder of a profile by its schedulerName (null when there is none: no events)
 * @param clock the scheduler's clock (timestamps plugins write, e.g. a victim's DisruptionTarget condition)
 * @param namespaceLabels a namespace's labels by its name (empty when unknown), for InterPodAffinity's
 *     namespaceSelector
 */
public record PluginServices(VolumeLister volumes, DisruptionBudgets budgets,
    Function<String, EventRecorder> recorders, Clock clock, Function<String, Map<String, String>> namespaceLabels) {
  /** No claims, volumes, budgets or namespace labels, and no events (tests of single plugins, describe()). */
  public static final PluginServices NONE = of(VolumeLister.NONE);

  /** {@code volumes}, and no budgets, namespace labels or events. */
  public static PluginServices of(VolumeLister volumes) {
    return new PluginServices(volumes, DisruptionBudgets.NONE, name -> null, Clock.system(), ns -> Map.of());
  }
}
