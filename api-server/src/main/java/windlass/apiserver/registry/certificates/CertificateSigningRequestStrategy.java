package windlass.apiserver.registry.certificates;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Certificates.CertificateSigningRequest;
import io.kubernetes.client.proto.V1Certificates.CertificateSigningRequestCondition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import windlass.apiserver.registry.BaseStrategy;
import windlass.apiserver.registry.GoValues;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * certificates.k8s.io/v1 CertificateSigningRequests as upstream: the request must be a PEM CERTIFICATE REQUEST with
 * a valid self-signature, usages known and unique, a signerName of the form example.com/name, expirationSeconds at
 * least 600; spec never changes after create; status (the signer's certificate and conditions) through the status
 * subresource, approval conditions (Approved/Denied, exclusive) through {@link #approval}.
 */
public final class CertificateSigningRequestStrategy extends BaseStrategy<CertificateSigningRequest> {
  private static final List<String> USAGES = List.of("any", "cert sign", "client auth", "code signing",
      "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature",
      "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement",
      "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing",
      "timestamping");
  private static final List<String> APPROVAL = List.of("Approved", "Denied");
  private static final String EXCLUSIVE = "Approved and Denied conditions are mutually exclusive";

  public CertificateSigningRequestStrategy() {
    super(Kinds.CERTIFICATE_SIGNING_REQUEST, CertificateSigningRequest.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected CertificateSigningRequest applyDefaults(CertificateSigningRequest csr) {
    CertificateSigningRequest.Builder b = csr.toBuilder();
    for (CertificateSigningRequestCondition.Builder c : b.getStatusBuilder().getConditionsBuilderList()) {
      if (c.getStatus().isEmpty()) {
        c.setStatus("True");
      }
    }
    return csr.hasStatus() ? b.build() : b.clearStatus().build();
  }

  @Override
  public Message prepareForUpdate(Message obj, Message old) {
    // upstream: the main resource only changes metadata
    CertificateSigningRequest o = cast(old);
    CertificateSigningRequest.Builder b = cast(obj).toBuilder().setSpec(o.getSpec());
    return o.hasStatus() ? b.setStatus(o.getStatus()).build() : b.clearStatus().build();
  }

  /** The status subresource: the signer's certificate and non-approval conditions; approvals stay as they were. */
  @Override
  protected Message statusUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
    V1Certificates.CertificateSigningRequestStatus.Builder s = csr.getStatus().toBuilder().clearConditions();
    old.getStatus().getConditionsList().stream().filter(c -> APPROVAL.contains(c.getType()))
        .forEach(s::addConditions);
    csr.getStatus().getConditionsList().stream().filter(c -> !APPROVAL.contains(c.getType()))
        .forEach(s::addConditions);
    return old.toBuilder().setStatus(s).build();
  }

  /** The approval subresource: {@code old} with the approval conditions of {@code requested}. */
  public static CertificateSigningRequest approval(CertificateSigningRequest requested, CertificateSigningRequest old) {
    V1Certificates.CertificateSigningRequestStatus.Builder s = old.getStatus().toBuilder().clearConditions();
    requested.getStatus().getConditionsList().stream().filter(c -> APPROVAL.contains(c.getType()))
        .forEach(s::addConditions);
    old.getStatus().getConditionsList().stream().filter(c -> !APPROVAL.contains(c.getType()))
        .forEach(s::addConditions);
    return old.toBuilder().setMetadata(requested.getMetadata()).setStatus(s).build();
  }

  @Override
  protected List<FieldError> check(CertificateSigningRequest csr) {
    V1Certificates.CertificateSigningRequestSpec s = csr.getSpec();
    List<FieldError> errs = new ArrayList<>();
    try {
      CertificateRequests.check(s.getRequest().toByteArray());
    } catch (IllegalArgumentException e) {
      errs.add(new FieldError(FieldError.Type.INVALID, "spec.request", bytes(s.getRequest().toByteArray()),
          e.getMessage()));
    }
    if (s.getUsagesCount() == 0) {
      errs.add(FieldError.required("spec.usages", ""));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.getUsagesCount(); i++) {
      String u = s.getUsages(i);
      if (!USAGES.contains(u)) {
        errs.add(FieldError.notSupported("spec.usages[" + i + "]", u, USAGES));
      }
      if (!seen.add(u)) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, "spec.usages[" + i + "]", GoValues.quote(u), null));
      }
    }
    if (s.getSignerName().equals("kubernetes.io/legacy-unknown")) {
      errs.add(FieldError.invalid("spec.signerName", s.getSignerName(),
          "the legacy signerName is not allowed via this API version"));
    } else {
      errs.addAll(SignerNames.validate("spec.signerName", s.getSignerName()));
    }
    if (s.hasExpirationSeconds() && s.getExpirationSeconds() < 600) {
      errs.add(FieldError.invalid("spec.expirationSeconds", s.getExpirationSeconds(),
          "may not specify a duration less than 600 seconds (10 minutes)"));
    }
    errs.addAll(conditions(csr.getStatus().getConditionsList()));
    return errs;
  }

  @Override
  public List<FieldError> validateStatusUpdate(Message obj, Message old) {
    return conditions(cast(obj).getStatus().getConditionsList());
  }

  static List<FieldError> conditions(List<CertificateSigningRequestCondition> conditions) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean approved = false;
    boolean denied = false;
    for (int i = 0; i < conditions.size(); i++) {
      CertificateSigningRequestCondition c = conditions.get(i);
      String at = "status.conditions[" + i + "]";
      if (c.getType().isEmpty()) {
        errs.add(FieldError.required(at + ".type", ""));
      }
      List<String> allowed = APPROVAL.contains(c.getType()) ? List.of("True") : List.of("False", "True", "Unknown");
      if (c.getStatus().isEmpty()) {
        errs.add(FieldError.required(at + ".status", ""));
      } else if (!allowed.contains(c.getStatus())) {
        errs.add(FieldError.notSupported(at + ".status", c.getStatus(), allowed));
      }
      if (c.getType().equals("Approved")) {
        approved = true;
        if (denied) {
          errs.add(FieldError.invalid(at + ".type", c.getType(), EXCLUSIVE));
        }
      } else if (c.getType().equals("Denied")) {
        denied = true;
        if (approved) {
          errs.add(FieldError.invalid(at + ".type", c.getType(), EXCLUSIVE));
        }
      }
      if (!seen.add(c.getType())) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, at + ".type", GoValues.quote(c.getType()), null));
      }
    }
    return errs;
  }

  /** Go's %#v of a []byte. */
  private static String bytes(byte[] b) {
    if (b.length == 0) {
      return "[]byte(nil)";
    }
    StringBuilder s = new StringBuilder("[]byte{");
    for (int i = 0; i < b.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(String.format("0x%x", b[i] & 0xff));
    }
    return s.append('}').toString();
  }
}
