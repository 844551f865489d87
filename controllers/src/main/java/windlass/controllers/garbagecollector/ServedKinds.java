package windlass.controllers.garbagecollector;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import windlass.api.v1.ServerResourcesRequest;
import windlass.client.Kind;
import windlass.client.Kinds;
import windlass.client.WindlassClient;

/**
 * The kinds the collector watches: the client's kinds that the apiserver's discovery lists (an informer of a kind the
 * server does not serve would never sync); every client kind when discovery cannot be reached (yet).
 */
public final class ServedKinds {
  private ServedKinds() {}

  public static List<Kind> of(WindlassClient client) {
    try {
      Set<String> served = client.discovery().withDeadlineAfter(10, TimeUnit.SECONDS)
          .serverResources(ServerResourcesRequest.getDefaultInstance()).getResourcesList().stream()
          .map(r -> r.getGroup() + "/" + r.getResource()).collect(Collectors.toSet());
      return Kinds.all().stream().filter(k -> served.contains(k.group() + "/" + k.resource())).toList();
    } catch (RuntimeException e) {
      System.getLogger(ServedKinds.class.getName()).log(System.Logger.Level.WARNING,
          "discovery failed (" + e.getMessage() + "); the garbage collector watches every known kind");
      return Kinds.all();
    }
  }
}
