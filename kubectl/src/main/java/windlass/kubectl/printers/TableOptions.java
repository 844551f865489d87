package windlass.kubectl.printers;

/**
 * How a table is laid out.
 *
 * @param wide {@code -o wide}: the wide-only columns too
 * @param allNamespaces {@code -A}: a NAMESPACE column first (for namespaced kinds)
 * @param withKind several kinds requested: names written {@code deployment.apps/web}
 * @param showLabels {@code --show-labels}: a LABELS column last
 * @param noHeaders {@code --no-headers}
 */
public record TableOptions(boolean wide, boolean allNamespaces, boolean withKind, boolean showLabels,
    boolean noHeaders) {
  public static final TableOptions DEFAULT = new TableOptions(false, false, false, false, false);

  public TableOptions withKind(boolean k) {
    return new TableOptions(wide, allNamespaces, k, showLabels, noHeaders);
  }
}
