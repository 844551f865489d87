package windlass.apiserver.registry.certificates;

import java.util.ArrayList;
import java.util.List;
import windlass.client.FieldError;
import windlass.client.validation.NameFormats;

/** upstream ValidateSignerName: a fully qualified domain, one '/', and a DNS subdomain path. */
final class SignerNames {
  private SignerNames() {}

  static List<FieldError> validate(String field, String signer) {
    List<FieldError> errs = new ArrayList<>();
    if (signer.isEmpty()) {
      errs.add(FieldError.required(field, ""));
      return errs;
    }
    String[] segments = signer.split("/", -1);
    if (segments.length != 2) {
      errs.add(FieldError.invalid(field, signer,
          "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
      return errs;
    }
    String domain = segments[0];
    if (domain.length() > 253) {
      errs.add(new FieldError(FieldError.Type.TOO_LONG, field, null, "may not be more than 253 bytes"));
    }
    String[] labels = domain.split("\\.", -1);
    for (String label : labels) {
      List<String> bad = NameFormats.dns1123Label(label);
      if (!bad.isEmpty()) {
        for (String msg : bad) {
          errs.add(FieldError.invalid(field, domain, "validating label \"" + label + "\": " + msg));
        }
        break;
      }
    }
    if (labels.length < 2) {
      errs.add(FieldError.invalid(field, domain, "should be a domain with at least two segments separated by dots"));
    }
    String path = segments[1];
    for (String msg : NameFormats.dns1123Subdomain(path)) {
      errs.add(FieldError.invalid(field, path, "validating component \"" + path + "\": " + msg));
    }
    return errs;
  }
}
