package windlass.kubectl.printers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns rows of cells into columns the way kubectl's Go {@code text/tabwriter} does (minwidth 6, padding 3, padded
 * with spaces): every cell but a row's last is padded to its column's width, which is the widest such cell plus 3 and
 * at least 6; the last cell is written as is. Widths are remembered across {@link #flush} calls, so rows printed later
 * (by a watch) stay aligned with the table above them, as upstream's RememberWidths does.
 */
public final class TabWriter {
  static final int MIN_WIDTH = 6;
  static final int PADDING = 3;

  private final PrintStream out;
  private final List<List<String>> pending = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();

  public TabWriter(PrintStream out) {
    this.out = out;
  }

  public void row(List<String> cells) {
    pending.add(List.copyOf(cells));
  }

  /** Writes the pending rows, each followed by a newline. */
  public void flush() {
    for (List<String> row : pending) {
      for (int c = 0; c < row.size() - 1; c++) {
        int w = Math.max(MIN_WIDTH, displayWidth(row.get(c)) + PADDING);
        if (c >= widths.size()) {
          widths.add(w);
        } else if (w > widths.get(c)) {
          widths.set(c, w);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> row : pending) {
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        b.append(cell);
        if (c < row.size() - 1) {
          b.append(" ".repeat(widths.get(c) - displayWidth(cell)));
        }
      }
      b.append('\n');
    }
    pending.clear();
    out.print(b);
    out.flush();
  }

  /** Go's tabwriter counts UTF-8 runes (code points), not bytes or UTF-16 units. */
  private static int displayWidth(String s) {
    return s.codePointCount(0, s.length());
  }
}
