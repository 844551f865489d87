package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.time.Instant;

/**
 * One column of a kind's table: its upstream header, whether only {@code -o wide} shows it (upstream priority 1),
 * whether it holds the object's name (upstream format "name": the cell that gets a {@code kind/} prefix when several
 * kinds are printed), and how a cell is computed from an object at a given instant.
 */
public record Column<T extends Message>(String header, boolean wide, boolean isName, Cell<T> cell) {

  /** A cell's text for one object; {@code now} is the instant AGE-like cells count from. */
  @FunctionalInterface
  public interface Cell<T> {
    String value(T obj, Instant now);
  }

  public static <T extends Message> Column<T> of(String header, Cell<T> cell) {
    return new Column<>(header, false, false, cell);
  }

  public static <T extends Message> Column<T> wide(String header, Cell<T> cell) {
    return new Column<>(header, true, false, cell);
  }

  public static <T extends Message> Column<T> nameColumn() {
    return new Column<>("NAME", false, true, (o, now) -> windlass.client.ObjectMetas.of(o).getName());
  }

  public static <T extends Message> Column<T> age() {
    return new Column<>("AGE", false, false,
        (o, now) -> HumanDuration.since(windlass.client.ObjectMetas.of(o).getCreationTimestamp(), now));
  }
}
