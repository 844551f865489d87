package windlass.client;

import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import windlass.client.validation.NameFormats;

/**
 * A label selector, parsed from upstream's string form ({@code app=web,tier!=db,env in (a,b),!canary,track}) as list
 * and watch calls carry it, or built from an object's {@code LabelSelector} (a ReplicaSet's spec.selector, an affinity
 * term's labelSelector: matchLabels + matchExpressions, as upstream's metav1.LabelSelectorAsSelector). Requirements
 * are ANDed. The empty selector matches everything; {@link #nothing()} matches nothing (upstream's nil selector).
 */
public final class LabelSelector {
  /** How a requirement compares a label: upstream selection.Operator. */
  public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

  /** One requirement: key, operator and its values (one for EQUALS/NOT_EQUALS/GT/LT, none for (DOES_NOT_)EXISTS). */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
        case GREATER_THAN, LESS_THAN -> compares(v);
      };
    }

    private boolean compares(String v) {
      if (v == null) {
        return false;
      }
      try {
        long have = Long.parseLong(v);
        long want = Long.parseLong(values.get(0));
        return operator == Operator.GREATER_THAN ? have > want : have < want;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EQUALS -> key + "=" + values.get(0);
        case NOT_EQUALS -> key + "!=" + values.get(0);
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
        case GREATER_THAN -> key + ">" + values.get(0);
        case LESS_THAN -> key + "<" + values.get(0);
      };
    }
  }

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = List.copyOf(requirements);
    this.nothing = nothing;
  }

  public static LabelSelector everything() {
    return EVERYTHING;
  }

  public static LabelSelector nothing() {
    return NOTHING;
  }

  public static LabelSelector of(List<Requirement> requirements) {
    return new LabelSelector(requirements, false);
  }

  /** Selects objects whose labels include all of {@code labels} (a Service's or ReplicaSet's selector map). */
  public static LabelSelector ofMatchLabels(Map<String, String> labels) {
    List<Requirement> rs = new ArrayList<>();
    for (String k : new TreeSet<>(labels.keySet())) {
      rs.add(new Requirement(k, Operator.EQUALS, List.of(labels.get(k))));
    }
    return of(rs);
  }

  /**
   * Parses the string form. Throws {@link IllegalArgumentException} with upstream-like wording
   * ("unable to parse requirement: ...") on bad syntax or an invalid key or value.
   */
  public static LabelSelector parse(String selector) {
    return new LabelSelectorParser(selector).parse();
  }

  /**
   * An object's {@code spec.selector} as a selector, as upstream's LabelSelectorAsSelector: an empty one selects
   * everything, null (absent) nothing. Throws {@link IllegalArgumentException} for an unknown operator, In/NotIn
   * without values or Exists/DoesNotExist with values, in upstream's wording.
   */
  public static LabelSelector fromProto(Meta.LabelSelector s) {
    if (s == null) {
      return NOTHING;
    }
    List<Requirement> rs = new ArrayList<>(ofMatchLabels(s.getMatchLabelsMap()).requirements);
    for (Meta.LabelSelectorRequirement e : s.getMatchExpressionsList()) {
      Operator op = switch (e.getOperator()) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        default -> throw new IllegalArgumentException("\"" + e.getOperator() + "\" is not a valid label selector operator");
      };
      boolean needsValues = op == Operator.IN || op == Operator.NOT_IN;
      if (needsValues && e.getValuesCount() == 0) {
        throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
      }
      if (!needsValues && e.getValuesCount() > 0) {
        throw new IllegalArgumentException("values set must be empty for exists and does not exist");
      }
      rs.add(new Requirement(e.getKey(), op, List.copyOf(new TreeSet<>(e.getValuesList()))));
    }
    return of(rs);
  }

  /** A selector field that may be unset ({@code hasSelector()}): unset is {@link #nothing()}, as a nil pointer. */
  public static LabelSelector ofOptional(boolean present, Meta.LabelSelector s) {
    return present ? fromProto(s) : NOTHING;
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** True when the selector puts no constraint on labels (it selects everything). */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True for upstream's nil selector, which selects nothing. */
  public boolean isNothing() {
    return nothing;
  }

  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The string form, parseable again. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector s && s.nothing == nothing && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }

  static void checkKey(String key) {
    List<String> errs = NameFormats.labelKey(key);
    if (!errs.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: key: Invalid value: \"" + key + "\": "
          + String.join("; ", errs));
    }
  }

  static void checkValue(String key, String value) {
    List<String> errs = NameFormats.labelValue(value);
    if (!errs.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: values[0][" + key + "]: Invalid value: \""
          + value + "\": " + String.join("; ", errs));
    }
  }
}
