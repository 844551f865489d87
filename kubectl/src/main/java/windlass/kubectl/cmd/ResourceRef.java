package windlass.kubectl.cmd;

import java.util.List;
import windlass.client.Kind;

/** What a command line names: objects of one kind, by name, or (names empty) the whole collection. */
public record ResourceRef(Kind kind, List<String> names) {
  public ResourceRef {
    names = List.copyOf(names);
  }

  public boolean all() {
    return names.isEmpty();
  }
}
