package windlass.kubectl.cmd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import windlass.api.v1.APIResource;
import windlass.api.v1.ServerResourcesRequest;
import windlass.client.ApiException;
import windlass.kubectl.CommandException;
import windlass.kubectl.Kubectl;
import windlass.kubectl.printers.TabWriter;

/** {@code api-resources}: what the server serves, NAME SHORTNAMES APIVERSION NAMESPACED KIND, by group then name. */
@Command(name = "api-resources", description = "Print the supported API resources on the server.")
public final class ApiResourcesCommand implements Callable<Integer> {
  @ParentCommand
  Kubectl root;

  @Option(names = {"-o", "--output"}, description = "Output format: wide or name.")
  String output = "";

  @Option(names = "--namespaced", arity = "1", description = "true: only namespaced resources; false: only cluster-scoped.")
  Boolean namespaced;

  @Option(names = "--api-group", description = "Only resources in this API group (\"\" for core).")
  String apiGroup;

  @Option(names = "--no-headers", description = "Don't print headers.")
  boolean noHeaders;

  @Override
  public Integer call() {
    if (!output.isEmpty() && !output.equals("wide") && !output.equals("name")) {
      throw CommandException.error("--output " + output + " is not available");
    }
    List<APIResource> resources;
    try {
      resources = new ArrayList<>(root.session().client().discovery()
          .serverResources(ServerResourcesRequest.getDefaultInstance()).getResourcesList());
    } catch (RuntimeException e) {
      throw ApiException.from(e);
    }
    resources.removeIf(r -> r.getResource().contains("/")
        || (namespaced != null && r.getNamespaced() != namespaced)
        || (apiGroup != null && !r.getGroup().equals(apiGroup)));
    resources.sort(Comparator.comparing(APIResource::getGroup).thenComparing(APIResource::getResource));
    var out = root.env().out();
    if (output.equals("name")) {
      for (APIResource r : resources) {
        out.println(r.getGroup().isEmpty() ? r.getResource() : r.getResource() + "." + r.getGroup());
      }
      return 0;
    }
    boolean wide = output.equals("wide");
    TabWriter w = new TabWriter(out);
    if (!noHeaders) {
      List<String> h = new ArrayList<>(List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
      if (wide) {
        h.addAll(List.of("VERBS", "CATEGORIES"));
      }
      w.row(h);
    }
    for (APIResource r : resources) {
      List<String> row = new ArrayList<>(List.of(r.getResource(), String.join(",", r.getShortNamesList()),
          r.getGroup().isEmpty() ? r.getVersion() : r.getGroup() + "/" + r.getVersion(),
          Boolean.toString(r.getNamespaced()), r.getKind()));
      if (wide) {
        row.add(String.join(",", new TreeSet<>(r.getVerbsList())));
        row.add(String.join(",", r.getCategoriesList()));
      }
      w.row(row);
    }
    w.flush();
    return 0;
  }
}
