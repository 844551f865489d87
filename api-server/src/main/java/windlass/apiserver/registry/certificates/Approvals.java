package windlass.apiserver.registry.certificates;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1Certificates.CertificateSigningRequest;
import java.util.List;
import windlass.apiserver.registry.ApiErrors;
import windlass.apiserver.registry.Registry;
import windlass.apiserver.registry.ResourceStore;
import windlass.client.ApiException;
import windlass.client.FieldError;
import windlass.client.Kind;
import windlass.client.Kinds;

/**
 * The "approval" subresource of CertificateSigningRequests (what `kubectl certificate approve` writes): only the
 * Approved/Denied conditions change, under the request's resourceVersion when it names one.
 */
public final class Approvals {
  private Approvals() {}

  public static Message update(Registry registry, ResourceStore store, Kind kind, Message obj, boolean dryRun) {
    if (!kind.equals(Kinds.CERTIFICATE_SIGNING_REQUEST)) {
      throw ApiErrors.noSubresource(kind, "approval");
    }
    CertificateSigningRequest req = (CertificateSigningRequest) obj;
    String name = req.getMetadata().getName();
    String rv = req.getMetadata().getResourceVersion();
    if (dryRun) {
      return apply(kind, req, (CertificateSigningRequest) registry.get(kind, "", name), rv);
    }
    return store.mutate("", name, old -> apply(kind, req, (CertificateSigningRequest) old, rv));
  }

  private static CertificateSigningRequest apply(Kind kind, CertificateSigningRequest req,
      CertificateSigningRequest old, String rv) {
    String name = old.getMetadata().getName();
    if (!rv.isEmpty() && !rv.equals(old.getMetadata().getResourceVersion())) {
      throw ApiException.conflictModified(kind, name);
    }
    CertificateSigningRequest next = CertificateSigningRequestStrategy.approval(
        (CertificateSigningRequest) new CertificateSigningRequestStrategy().defaults(req), old);
    next = next.toBuilder().setMetadata(old.getMetadata()).build();
    List<FieldError> errs = CertificateSigningRequestStrategy.conditions(next.getStatus().getConditionsList());
    if (!errs.isEmpty()) {
      throw ApiException.invalid(kind, name, errs);
    }
    return next;
  }
}
