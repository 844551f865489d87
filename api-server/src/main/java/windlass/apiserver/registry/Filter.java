package windlass.apiserver.registry;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.util.HashMap;
import java.util.Map;
import windlass.client.ApiException;
import windlass.client.FieldSelector;
import windlass.client.LabelSelector;
import windlass.client.ObjectMetas;

/** A list or watch's label and field selectors, parsed and checked against what the kind can select on. */
public final class Filter {
  private final Strategy strategy;
  private final LabelSelector labels;
  private final FieldSelector fields;

  private Filter(Strategy strategy, LabelSelector labels, FieldSelector fields) {
    this.strategy = strategy;
    this.labels = labels;
    this.fields = fields;
  }

  /** Parses the query's selectors; BadRequest with upstream's wording when one is malformed or names an unknown field. */
  public static Filter of(Strategy strategy, ListQuery q) {
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = LabelSelector.parse(q.labelSelector());
      fields = FieldSelector.parse(q.fieldSelector());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Filter f = new Filter(strategy, labels, fields);
    if (fields.isEmpty()) {
      return f;
    }
    Map<String, String> known = f.fieldsOf(strategy.kind().defaultInstance());
    for (String field : fields.fields()) {
      if (!known.containsKey(field)) {
        throw ApiException.badRequest("field label not supported: " + field);
      }
    }
    return f;
  }

  public boolean isEverything() {
    return labels.isEmpty() && fields.isEmpty();
  }

  public boolean matches(Message obj) {
    if (isEverything()) {
      return true;
    }
    ObjectMeta m = ObjectMetas.of(obj);
    return labels.matches(m.getLabelsMap()) && fields.matches(fieldsOf(obj));
  }

  private Map<String, String> fieldsOf(Message obj) {
    ObjectMeta m = ObjectMetas.of(obj);
    Map<String, String> out = new HashMap<>(strategy.selectableFields(obj));
    out.put("metadata.name", m.getName());
    out.put("metadata.namespace", m.getNamespace());
    return out;
  }
}
