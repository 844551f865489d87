package windlass.scheduler.framework;

/** A scheduling plugin: stateless between cycles, named as upstream names it ("NodeResourcesFit"). */
public interface Plugin {
  String name();
}
