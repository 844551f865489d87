/**
 * The scheduling framework, shaped as kube-scheduler's: one interface per extension point ({@link
 * windlass.scheduler.framework.PreFilterPlugin}, {@link windlass.scheduler.framework.FilterPlugin}, {@link
 * windlass.scheduler.framework.PostFilterPlugin}, {@link windlass.scheduler.framework.ScorePlugin}, {@link
 * windlass.scheduler.framework.ReservePlugin}, {@link windlass.scheduler.framework.PermitPlugin}, {@link
 * windlass.scheduler.framework.BindPlugin}), a {@link windlass.scheduler.framework.Status} value for outcomes, a
 * per-cycle {@link windlass.scheduler.framework.CycleState}, and {@link windlass.scheduler.framework.Framework} which
 * runs a profile's plugins.
 */
package windlass.scheduler.framework;
