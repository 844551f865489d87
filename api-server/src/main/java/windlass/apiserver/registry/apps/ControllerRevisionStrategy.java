package windlass.apiserver.registry.apps;

import io.kubernetes.client.proto.V1Apps;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** apps/v1 ControllerRevisions as upstream: data is mandatory and immutable, revision non-negative. */
public final class ControllerRevisionStrategy extends BaseStrategy<V1Apps.ControllerRevision> {
  public ControllerRevisionStrategy() {
    super(Kinds.CONTROLLER_REVISION, V1Apps.ControllerRevision.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected List<FieldError> check(V1Apps.ControllerRevision r) {
    List<FieldError> errs = new ArrayList<>();
    if (!r.hasData() || r.getData().getRaw().isEmpty()) {
      errs.add(FieldError.required("data", "data is mandatory"));
    }
    Workloads.nonNegative(errs, "revision", r.getRevision());
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1Apps.ControllerRevision r, V1Apps.ControllerRevision old) {
    if (!r.getData().equals(old.getData())) {
      return List.of(new FieldError(FieldError.Type.INVALID, "data", "runtime.RawExtension{...}",
          "field is immutable"));
    }
    return List.of();
  }
}
