package windlass.kubectl.cmd;

import java.util.ArrayList;
import java.util.List;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.kubectl.CommandException;

/**
 * Parses the {@code TYPE[,TYPE...] [NAME...]} and {@code TYPE/NAME...} arguments of get, delete, scale and logs, as
 * upstream's resource builder reads them.
 */
public final class ResourceArgs {
  private ResourceArgs() {}

  public static List<ResourceRef> parse(List<String> args) {
    if (args.isEmpty()) {
      return List.of();
    }
    List<ResourceRef> refs = new ArrayList<>();
    if (args.get(0).contains("/")) {
      for (String a : args) {
        int slash = a.indexOf('/');
        if (slash < 0) {
          throw CommandException.error("there is no need to specify a resource type as a separate argument when "
              + "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
              + "'kubectl get resource resource/<resource_name>'");
        }
        String name = a.substring(slash + 1);
        if (name.isEmpty()) {
          throw CommandException.error("arguments in resource/name form must have a single resource and name");
        }
        Kind k = kind(a.substring(0, slash));
        ResourceRef last = refs.isEmpty() ? null : refs.get(refs.size() - 1);
        if (last != null && last.kind().equals(k)) {
          List<String> names = new ArrayList<>(last.names());
          names.add(name);
          refs.set(refs.size() - 1, new ResourceRef(k, names));
        } else {
          refs.add(new ResourceRef(k, List.of(name)));
        }
      }
      return refs;
    }
    List<String> names = args.subList(1, args.size());
    for (String a : names) {
      if (a.contains("/")) {
        throw CommandException.error("there is no need to specify a resource type as a separate argument when "
            + "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
            + "'kubectl get resource resource/<resource_name>'");
      }
    }
    for (String type : args.get(0).split(",")) {
      if (!type.isEmpty()) {
        refs.add(new ResourceRef(kind(type), names));
      }
    }
    return refs;
  }

  /** Whether the user asked for several kinds at once ({@code pod,svc} or {@code pod/a svc/b}): names get a kind. */
  public static boolean multipleTypes(List<String> args, List<ResourceRef> refs) {
    return refs.stream().map(ResourceRef::kind).distinct().count() > 1
        || (!args.isEmpty() && args.get(0).contains(","));
  }

  /** A single object named, as {@code get pod x} or {@code get pod/x}: -o yaml prints it bare, not in a List. */
  public static boolean singleItem(List<ResourceRef> refs) {
    return refs.size() == 1 && refs.get(0).names().size() == 1;
  }

  public static Kind kind(String type) {
    return Kinds.resolve(type).orElseThrow(
        () -> CommandException.error("the server doesn't have a resource type \"" + type + "\""));
  }
}
