package windlass.client.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name and label formats of the Kubernetes API (DNS-1123 label and subdomain, DNS-1035 label, label key and
 * value). Each check returns upstream's messages, empty when the value is valid, so the apiserver, kubectl and the
 * label-selector parser word their errors alike.
 */
public final class NameFormats {
  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String LABEL_KEY = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + LABEL_KEY + ")?";
  private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_RE = Pattern.compile(DNS1123_SUBDOMAIN);
  private static final Pattern DNS1035_LABEL_RE = Pattern.compile(DNS1035_LABEL);
  private static final Pattern LABEL_KEY_RE = Pattern.compile(LABEL_KEY);
  private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;

  private NameFormats() {}

  /** RFC 1123 label: namespaces, container names, port names. */
  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLen(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL_RE.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
            + "must start and end with an alphanumeric character", DNS1123_LABEL, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** RFC 1123 subdomain: most object names (pods, deployments, nodes, ...). */
  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
          + "'.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, "example.com"));
    }
    return errs;
  }

  /** RFC 1035 label: service names. */
  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLen(DNS1123_LABEL_MAX));
    }
    if (!DNS1035_LABEL_RE.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
          + "alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  public static List<String> labelKey(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    String keyMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character";
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String m : dns1123Subdomain(prefix)) {
          errs.add("prefix part " + m);
        }
      }
    } else {
      errs.add("a valid label key " + regexError(keyMsg, LABEL_KEY, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!LABEL_KEY_RE.matcher(name).matches()) {
      errs.add("name part " + regexError(keyMsg, LABEL_KEY, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** A label value: empty, or at most 63 alphanumerics, '-', '_', '.', starting and ending alphanumeric. */
  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE_RE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
          + "'.', and must start and end with an alphanumeric character", LABEL_VALUE, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** upstream MaxLenError. */
  public static String maxLen(int length) {
    return "must be no more than " + length + " characters";
  }

  /** upstream RegexError, examples included (its odd double space before "or" too, as clients match on it). */
  public static String regexError(String msg, String regex, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + regex + "')";
    }
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        b.append(" or ");
      }
      b.append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(regex).append("')").toString();
  }
}
