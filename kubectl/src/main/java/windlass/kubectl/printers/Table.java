package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The table kubectl prints for one kind: its columns in upstream order, wide-only ones included. One mechanism for
 * every kind; a kind's knowledge is only its list of columns.
 */
public final class Table<T extends Message> {
  private final Class<T> type;
  private final List<Column<T>> columns;

  @SafeVarargs
  public Table(Class<T> type, Column<T>... columns) {
    this.type = type;
    this.columns = List.of(columns);
  }

  public List<Column<T>> columns(boolean wide) {
    return columns.stream().filter(c -> wide || !c.wide()).toList();
  }

  public List<String> headers(boolean wide) {
    return columns(wide).stream().map(Column::header).toList();
  }

  /** The index among {@link #columns(boolean)} of the name column, or -1 when that view has none. */
  public int nameColumn(boolean wide) {
    List<Column<T>> cs = columns(wide);
    for (int i = 0; i < cs.size(); i++) {
      if (cs.get(i).isName()) {
        return i;
      }
    }
    return -1;
  }

  public List<String> cells(Message obj, Instant now, boolean wide) {
    T typed = type.cast(obj);
    List<String> out = new ArrayList<>();
    for (Column<T> c : columns(wide)) {
      out.add(c.cell().value(typed, now));
    }
    return out;
  }
}
