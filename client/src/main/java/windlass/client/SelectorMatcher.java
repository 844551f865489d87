package windlass.client;

import io.kubernetes.client.proto.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches labels against an object's {@code Meta.LabelSelector} (a ReplicaSet's or Deployment's spec.selector):
 * matchLabels plus matchExpressions with In, NotIn, Exists, DoesNotExist, all ANDed, as upstream's
 * metav1.LabelSelectorAsSelector. An empty selector matches everything; an absent one ({@link #nothing()}) matches
 * nothing. For the string form used in list calls see the label selector parser.
 */
public final class SelectorMatcher {
  private static final SelectorMatcher EVERYTHING = new SelectorMatcher(List.of(), false);
  private static final SelectorMatcher NOTHING = new SelectorMatcher(List.of(), true);

  /** One requirement: the label {@code key}, an operator and its values. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case IN -> v != null && values.contains(v);
        case NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }
  }

  /** The operators of matchExpressions, with upstream's spelling. */
  public enum Operator {
    IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

    private final String spelling;

    Operator(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }

    static Operator parse(String s) {
      for (Operator o : values()) {
        if (o.spelling.equals(s)) {
          return o;
        }
      }
      throw new IllegalArgumentException("\"" + s + "\" is not a valid label selector operator");
    }
  }

  private final List<Requirement> requirements;
  private final boolean nothing;

  private SelectorMatcher(List<Requirement> requirements, boolean nothing) {
    this.requirements = List.copyOf(requirements);
    this.nothing = nothing;
  }

  public static SelectorMatcher everything() {
    return EVERYTHING;
  }

  /** Upstream's nil selector: matches no object. */
  public static SelectorMatcher nothing() {
    return NOTHING;
  }

  /**
   * The matcher for {@code selector}. Throws IllegalArgumentException for an unknown operator, In/NotIn without
   * values, or Exists/DoesNotExist with values, with upstream's wording.
   */
  public static SelectorMatcher of(Meta.LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    if (selector.getMatchLabelsCount() == 0 && selector.getMatchExpressionsCount() == 0) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(selector.getMatchLabelsMap()).entrySet()) {
      reqs.add(new Requirement(e.getKey(), Operator.IN, Set.of(e.getValue())));
    }
    for (Meta.LabelSelectorRequirement r : selector.getMatchExpressionsList()) {
      Operator op = Operator.parse(r.getOperator());
      boolean wantsValues = op == Operator.IN || op == Operator.NOT_IN;
      if (wantsValues && r.getValuesCount() == 0) {
        throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
      }
      if (!wantsValues && r.getValuesCount() > 0) {
        throw new IllegalArgumentException("values set must be empty for exists and does not exist");
      }
      reqs.add(new Requirement(r.getKey(), op, new TreeSet<>(r.getValuesList())));
    }
    return new SelectorMatcher(reqs, false);
  }

  /** The matcher for an object field that may be unset: unset is {@link #nothing()}, as upstream's nil pointer. */
  public static SelectorMatcher ofOptional(boolean present, Meta.LabelSelector selector) {
    return present ? of(selector) : NOTHING;
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

  public boolean matches(Meta.ObjectMeta meta) {
    return matches(meta.getLabelsMap());
  }

  public boolean isEverything() {
    return !nothing && requirements.isEmpty();
  }

  public boolean isNothing() {
    return nothing;
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** The string form, as kubectl prints it: {@code app=web,tier in (a,b),!canary}. */
  @Override
  public String toString() {
    if (nothing) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      parts.add(switch (r.operator()) {
        case IN -> r.values().size() == 1 ? r.key() + "=" + r.values().iterator().next()
            : r.key() + " in (" + String.join(",", r.values()) + ")";
        case NOT_IN -> r.values().size() == 1 ? r.key() + "!=" + r.values().iterator().next()
            : r.key() + " notin (" + String.join(",", r.values()) + ")";
        case EXISTS -> r.key();
        case DOES_NOT_EXIST -> "!" + r.key();
      });
    }
    return String.join(",", parts);
  }
}
