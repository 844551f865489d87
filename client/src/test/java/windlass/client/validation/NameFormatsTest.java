package windlass.client.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameFormatsTest {
  @Test
  void subdomainErrorIsWordedAsUpstream() {
    assertEquals(List.of("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
        + "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
        + "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"), NameFormats.dns1123Subdomain("Web_1"));
    assertTrue(NameFormats.dns1123Subdomain("web-1.example").isEmpty());
  }

  @Test
  void labelSaysDotsAreNotAllowed() {
    assertEquals(List.of("must not contain dots"), NameFormats.dns1123Label("a.b"));
    assertEquals(List.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
        + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
        + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"), NameFormats.dns1123Label("A"));
  }

  @Test
  void dns1035LabelMustStartWithALetter() {
    assertEquals(1, NameFormats.dns1035Label("1abc").size());
    assertTrue(NameFormats.dns1035Label("abc-1").isEmpty());
  }

  @Test
  void labelKeysMayHaveADomainPrefix() {
    assertTrue(NameFormats.labelKey("app.kubernetes.io/name").isEmpty());
    assertEquals(List.of("prefix part must be non-empty"), NameFormats.labelKey("/name"));
    assertTrue(NameFormats.labelValue("").isEmpty());
    assertEquals(1, NameFormats.labelValue("-x").size());
  }
}
