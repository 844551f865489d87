package windlass.scheduler.config;

import windlass.scheduler.framework.BindPlugin;
import windlass.scheduler.framework.FilterPlugin;
import windlass.scheduler.framework.PermitPlugin;
import windlass.scheduler.framework.Plugin;
import windlass.scheduler.framework.PostFilterPlugin;
import windlass.scheduler.framework.PreFilterPlugin;
import windlass.scheduler.framework.PreScorePlugin;
import windlass.scheduler.framework.QueueSortPlugin;
import windlass.scheduler.framework.ReservePlugin;
import windlass.scheduler.framework.ScorePlugin;

/** The extension points of {@code profiles[].plugins}, with their YAML names and the interface a plugin implements. */
public enum ExtensionPoint {
  QUEUE_SORT("queueSort", QueueSortPlugin.class),
  PRE_FILTER("preFilter", PreFilterPlugin.class),
  FILTER("filter", FilterPlugin.class),
  POST_FILTER("postFilter", PostFilterPlugin.class),
  PRE_SCORE("preScore", PreScorePlugin.class),
  SCORE("score", ScorePlugin.class),
  RESERVE("reserve", ReservePlugin.class),
  PERMIT("permit", PermitPlugin.class),
  BIND("bind", BindPlugin.class);

  private final String yamlName;
  private final Class<? extends Plugin> type;

  ExtensionPoint(String yamlName, Class<? extends Plugin> type) {
    this.yamlName = yamlName;
    this.type = type;
  }

  public String yamlName() {
    return yamlName;
  }

  public boolean implementedBy(Plugin p) {
    return type.isInstance(p);
  }
}
