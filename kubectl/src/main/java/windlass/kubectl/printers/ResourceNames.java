package windlass.kubectl.printers;

import com.google.protobuf.Message;
import java.util.Locale;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/** How kubectl names an object in its messages: {@code pod/x}, {@code deployment.apps/web}, {@code pod "x"}. */
public final class ResourceNames {
  private ResourceNames() {}

  /** {@code pod}, {@code deployment.apps}: lower-case kind, qualified with the group outside core. */
  public static String kindPrefix(Kind kind) {
    String k = kind.kind().toLowerCase(Locale.ROOT);
    return kind.group().isEmpty() ? k : k + "." + kind.group();
  }

  /** {@code deployment.apps/web}: what -o name prints and create/apply/scale report. */
  public static String slashName(Kind kind, String name) {
    return kindPrefix(kind) + "/" + name;
  }

  public static String slashName(Kind kind, Message obj) {
    return slashName(kind, ObjectMetas.of(obj).getName());
  }

  /** {@code deployment.apps "web"}: what delete reports. */
  public static String quotedName(Kind kind, String name) {
    return kindPrefix(kind) + " \"" + name + "\"";
  }
}
