package windlass.apiserver.grpc;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import windlass.api.v1.APIResource;
import windlass.api.v1.DiscoveryGrpc;
import windlass.api.v1.ServerResourcesRequest;
import windlass.api.v1.ServerResourcesResponse;
import windlass.api.v1.VersionRequest;
import windlass.api.v1.VersionResponse;
import windlass.client.Kind;

/** windlass.api.v1.Discovery: the served kinds (from the registry) with their verbs and subresources, and versions. */
public final class DiscoveryService extends DiscoveryGrpc.DiscoveryImplBase {
  /** The Kubernetes API level windlass speaks. */
  public static final String GIT_VERSION = "v1.32.0";
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final Map<String, List<String>> SUBRESOURCES = Map.of("pods", List.of("binding", "eviction", "log", "status"),
      "deployments", List.of("scale", "status"),
      "replicasets", List.of("scale", "status"),
      "statefulsets", List.of("scale", "status"),
      "certificatesigningrequests", List.of("approval", "status"));
  /** upstream's "all" category (kubectl get all). */
  private static final List<String> IN_ALL = List.of("pods", "services", "deployments", "replicasets",
      "daemonsets", "statefulsets", "jobs", "cronjobs", "horizontalpodautoscalers", "replicationcontrollers");

  private final List<Kind> kinds;

  public DiscoveryService(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  @Override
  public void serverResources(ServerResourcesRequest req, StreamObserver<ServerResourcesResponse> out) {
    ServerResourcesResponse.Builder r = ServerResourcesResponse.newBuilder();
    for (Kind k : kinds) {
      APIResource.Builder a = APIResource.newBuilder().setGroup(k.group()).setVersion(k.version())
          .setResource(k.resource()).setKind(k.kind()).setNamespaced(k.namespaced()).addAllVerbs(VERBS)
          .addAllShortNames(k.shortNames()).setSingularName(k.singular());
      if (IN_ALL.contains(k.resource())) {
        a.addCategories("all");
      }
      List<String> subs = SUBRESOURCES.get(k.resource());
      if (subs != null) {
        a.addAllSubresources(subs);
      } else if (k.hasStatus()) {
        a.addSubresources("status");
      }
      r.addResources(a);
    }
    out.onNext(r.build());
    out.onCompleted();
  }

  @Override
  public void version(VersionRequest req, StreamObserver<VersionResponse> out) {
    String impl = DiscoveryService.class.getPackage().getImplementationVersion();
    out.onNext(VersionResponse.newBuilder().setGitVersion(GIT_VERSION)
        .setWindlassVersion(impl != null ? impl : "0.1.0-SNAPSHOT").setPlatform(platform()).build());
    out.onCompleted();
  }

  private static String platform() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String goArch = switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + "/" + goArch;
  }
}
