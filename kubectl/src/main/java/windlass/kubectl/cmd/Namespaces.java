package windlass.kubectl.cmd;

import java.util.List;
import windlass.kubectl.Session;
import windlass.kubectl.manifests.ManifestObject;

/** The namespace each manifest object goes to, all decided (and any mismatch with -n refused) before acting. */
final class Namespaces {
  private Namespaces() {}

  static List<String> of(List<ManifestObject> objects, Session session) {
    return objects.stream()
        .map(m -> m.kind().namespaced() ? m.namespaceOr(session.namespace(), session.namespaceExplicit()) : "")
        .toList();
  }
}
