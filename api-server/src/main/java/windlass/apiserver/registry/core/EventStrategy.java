package windlass.apiserver.registry.core;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** core/v1 Events: no status subresource (updates replace everything); selectable by their involved object. */
public final class EventStrategy extends BaseStrategy<V1.Event> {
  public EventStrategy() {
    super(Kinds.EVENT, V1.Event.class, NameFormats::dns1123Subdomain);
  }

  @Override
  public Map<String, String> selectableFields(Message obj) {
    V1.Event e = cast(obj);
    V1.ObjectReference o = e.getInvolvedObject();
    return Map.ofEntries(
        Map.entry("involvedObject.kind", o.getKind()),
        Map.entry("involvedObject.namespace", o.getNamespace()),
        Map.entry("involvedObject.name", o.getName()),
        Map.entry("involvedObject.uid", o.getUid()),
        Map.entry("involvedObject.apiVersion", o.getApiVersion()),
        Map.entry("involvedObject.resourceVersion", o.getResourceVersion()),
        Map.entry("involvedObject.fieldPath", o.getFieldPath()),
        Map.entry("reason", e.getReason()),
        Map.entry("reportingComponent", e.getReportingComponent()),
        Map.entry("source", e.getSource().getComponent()),
        Map.entry("type", e.getType()));
  }
}
