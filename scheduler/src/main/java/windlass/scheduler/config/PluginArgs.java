package windlass.scheduler.config;

import java.util.List;
import java.util.Map;

/**
 * One plugin's {@code pluginConfig[].args}, as the YAML parser produced it (maps, lists, strings, numbers), with
 * typed getters that name the field path in their errors ({@code NodeResourcesFitArgs.scoringStrategy.type}).
 */
public record PluginArgs(String kind, Map<String, Object> values) {
  public PluginArgs {
    values = values == null ? Map.of() : values;
  }

  public static PluginArgs none(String kind) {
    return new PluginArgs(kind, Map.of());
  }

  public boolean has(String field) {
    return values.containsKey(field);
  }

  public PluginArgs child(String field) {
    Object v = values.get(field);
    if (v == null) {
      return new PluginArgs(kind + "." + field, Map.of());
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw invalid(field, v, "must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) m;
    return new PluginArgs(kind + "." + field, typed);
  }

  public List<PluginArgs> list(String field) {
    Object v = values.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw invalid(field, v, "must be a list");
    }
    java.util.ArrayList<PluginArgs> out = new java.util.ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Object item = l.get(i);
      if (!(item instanceof Map<?, ?> m)) {
        throw invalid(field + "[" + i + "]", item, "must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      out.add(new PluginArgs(kind + "." + field + "[" + i + "]", typed));
    }
    return out;
  }

  public String string(String field, String def) {
    Object v = values.get(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof String s)) {
      throw invalid(field, v, "must be a string");
    }
    return s;
  }

  public long number(String field, long def) {
    Object v = values.get(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n)) {
      throw invalid(field, v, "must be an integer");
    }
    return n.longValue();
  }

  public boolean bool(String field, boolean def) {
    Object v = values.get(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Boolean b)) {
      throw invalid(field, v, "must be a boolean");
    }
    return b;
  }

  public IllegalArgumentException invalid(String field, Object value, String why) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return new IllegalArgumentException(kind + "." + field + ": Invalid value: " + shown + ": " + why);
  }
}
