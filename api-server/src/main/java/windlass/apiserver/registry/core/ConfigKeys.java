package windlass.apiserver.registry.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import windlass.client.FieldError;
import windlass.client.validation.NameFormats;

/**
 * What ConfigMaps and Secrets share upstream: keys as IsConfigMapKey checks them, the 1 MiB size limit, and the
 * {@code immutable} flag that freezes data once set.
 */
final class ConfigKeys {
  static final int MAX_SIZE = 1024 * 1024;
  static final String IMMUTABLE = "field is immutable when `immutable` is set";
  private static final String KEY_REGEX = "[-._a-zA-Z0-9]+";
  private static final Pattern KEY = Pattern.compile(KEY_REGEX);

  private ConfigKeys() {}

  /** upstream IsConfigMapKey: messages, empty when {@code key} is valid. */
  static List<String> check(String key) {
    List<String> errs = new ArrayList<>();
    if (key.length() > NameFormats.DNS1123_SUBDOMAIN_MAX) {
      errs.add(NameFormats.maxLen(NameFormats.DNS1123_SUBDOMAIN_MAX));
    }
    if (!KEY.matcher(key).matches()) {
      errs.add(NameFormats.regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
          KEY_REGEX, "key.name", "KEY_NAME", "key-name"));
    }
    if (key.equals(".")) {
      errs.add("must not be '.'");
    } else if (key.equals("..")) {
      errs.add("must not be '..'");
    } else if (key.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /** Each key of {@code data} (sorted, as a stable stand-in for Go's map order) checked under {@code field[key]}. */
  static void checkKeys(Map<String, ?> data, String field, List<FieldError> errs) {
    for (String key : new TreeSet<>(data.keySet())) {
      for (String msg : check(key)) {
        errs.add(FieldError.invalid(field + "[" + key + "]", key, msg));
      }
    }
  }

  /** An object that was immutable stays so, and its data does not change. */
  static void checkImmutable(boolean wasImmutable, boolean isImmutable, boolean dataChanged, boolean binaryChanged,
      List<FieldError> errs) {
    if (!wasImmutable) {
      return;
    }
    if (!isImmutable) {
      errs.add(FieldError.forbidden("immutable", IMMUTABLE));
    }
    if (dataChanged) {
      errs.add(FieldError.forbidden("data", IMMUTABLE));
    }
    if (binaryChanged) {
      errs.add(FieldError.forbidden("binaryData", IMMUTABLE));
    }
  }
}
