package windlass.kubectl.manifests;

import com.google.protobuf.Message;
import java.util.Map;
import windlass.client.Kind;
import windlass.client.ObjectMetas;
import windlass.kubectl.CommandException;

/**
 * One object read from a manifest: where it came from (the path as the user gave it, or "STDIN"), its kind, the
 * decoded message, and the tree it was decoded from (what apply records as the last-applied configuration).
 */
public record ManifestObject(String source, Kind kind, Message object, Map<String, Object> tree) {

  public String name() {
    return ObjectMetas.of(object).getName();
  }

  /**
   * The namespace the object goes to: its own, else the command's. With an explicit -n that differs from the
   * manifest's, upstream refuses rather than guess.
   */
  public String namespaceOr(String commandNamespace, boolean explicit) {
    String own = ObjectMetas.of(object).getNamespace();
    if (own.isEmpty()) {
      return commandNamespace;
    }
    if (explicit && !own.equals(commandNamespace)) {
      throw CommandException.error("the namespace from the provided object \"" + own + "\" does not match the "
          + "namespace \"" + commandNamespace + "\". You must pass '--namespace=" + own + "' to perform this "
          + "operation.");
    }
    return own;
  }
}
