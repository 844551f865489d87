package windlass.kubectl.printers;

import io.kubernetes.client.proto.V1;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE; wide shows LAST SEEN TYPE REASON OBJECT SUBOBJECT
 * SOURCE MESSAGE FIRST SEEN COUNT NAME.
 */
final class EventTable {
  private EventTable() {}

  static final Table<V1.Event> TABLE = new Table<>(V1.Event.class,
      Column.of("LAST SEEN", EventTable::lastSeen),
      Column.of("TYPE", (e, now) -> e.getType()),
      Column.of("REASON", (e, now) -> e.getReason()),
      Column.of("OBJECT", (e, now) -> target(e)),
      Column.wide("SUBOBJECT", (e, now) -> e.getInvolvedObject().getFieldPath()),
      Column.wide("SOURCE", (e, now) -> source(e)),
      Column.of("MESSAGE", (e, now) -> e.getMessage().strip()),
      Column.wide("FIRST SEEN", EventTable::firstSeen),
      Column.wide("COUNT", (e, now) -> Integer.toString(count(e))),
      new Column<>("NAME", true, true, (e, now) -> e.getMetadata().getName()));

  static String firstSeen(V1.Event e, Instant now) {
    return HumanDuration.isZero(e.getFirstTimestamp())
        ? HumanDuration.since(e.getEventTime(), now)
        : HumanDuration.since(e.getFirstTimestamp(), now);
  }

  static String lastSeen(V1.Event e, Instant now) {
    if (e.hasSeries()) {
      return HumanDuration.since(e.getSeries().getLastObservedTime(), now);
    }
    return HumanDuration.isZero(e.getLastTimestamp()) ? firstSeen(e, now) : HumanDuration.since(e.getLastTimestamp(), now);
  }

  private static int count(V1.Event e) {
    if (e.hasSeries()) {
      return e.getSeries().getCount();
    }
    return e.getCount() == 0 ? 1 : e.getCount();
  }

  private static String target(V1.Event e) {
    String kind = e.getInvolvedObject().getKind().toLowerCase(Locale.ROOT);
    String name = e.getInvolvedObject().getName();
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  private static String source(V1.Event e) {
    String component = e.getSource().getComponent().isEmpty() ? e.getReportingComponent() : e.getSource().getComponent();
    String instance = e.getSource().getHost().isEmpty() ? e.getReportingInstance() : e.getSource().getHost();
    return instance.isEmpty() ? component : component + ", " + instance;
  }
}
