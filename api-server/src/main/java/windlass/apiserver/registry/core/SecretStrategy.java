package windlass.apiserver.registry.core;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.V1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/**
 * Secrets as upstream: {@code stringData} folded into {@code data}, type Opaque by default and immutable, config keys,
 * 1 MiB of data, the keys each built-in type requires, and {@code immutable}.
 */
public final class SecretStrategy extends BaseStrategy<V1.Secret> {
  public SecretStrategy() {
    super(Kinds.SECRET, V1.Secret.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected V1.Secret applyDefaults(V1.Secret s) {
    V1.Secret.Builder b = s.toBuilder();
    if (!b.hasType() || b.getType().isEmpty()) {
      b.setType("Opaque");
    }
    for (Map.Entry<String, String> e : s.getStringDataMap().entrySet()) {
      b.putData(e.getKey(), ByteString.copyFromUtf8(e.getValue()));
    }
    return b.clearStringData().build();
  }

  @Override
  protected List<FieldError> check(V1.Secret s) {
    List<FieldError> errs = new ArrayList<>();
    ConfigKeys.checkKeys(s.getDataMap(), "data", errs);
    long size = s.getDataMap().values().stream().mapToLong(ByteString::size).sum();
    if (size > ConfigKeys.MAX_SIZE) {
      errs.add(new FieldError(FieldError.Type.TOO_LONG, "data", null,
          "must have at most " + ConfigKeys.MAX_SIZE + " bytes"));
    }
    Map<String, ByteString> data = s.getDataMap();
    switch (s.getType()) {
      case "kubernetes.io/service-account-token" -> {
        if (s.getMetadata().getAnnotationsOrDefault("kubernetes.io/service-account.name", "").isEmpty()) {
          errs.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
        }
      }
      case "kubernetes.io/dockercfg" -> requireKey(data, ".dockercfg", "data", errs);
      case "kubernetes.io/dockerconfigjson" -> requireKey(data, ".dockerconfigjson", "data", errs);
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          // upstream builds this path from the literal "data[%s]"; kept as it reads.
          errs.add(FieldError.required("data[%s][username]", ""));
          errs.add(FieldError.required("data[%s][password]", ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (data.getOrDefault("ssh-privatekey", ByteString.EMPTY).isEmpty()) {
          errs.add(FieldError.required("data[%s][ssh-privatekey]", ""));
        }
      }
      case "kubernetes.io/tls" -> {
        requireKey(data, "tls.crt", "data", errs);
        requireKey(data, "tls.key", "data", errs);
      }
      default -> { }
    }
    return errs;
  }

  private static void requireKey(Map<String, ByteString> data, String key, String field, List<FieldError> errs) {
    if (!data.containsKey(key)) {
      errs.add(FieldError.required(field + "[" + key + "]", ""));
    }
  }

  @Override
  protected List<FieldError> checkUpdate(V1.Secret s, V1.Secret old) {
    List<FieldError> errs = new ArrayList<>();
    if (!s.getType().equals(old.getType())) {
      errs.add(FieldError.invalid("type", s.getType(), "field is immutable"));
    }
    ConfigKeys.checkImmutable(old.getImmutable(), s.getImmutable(), !s.getDataMap().equals(old.getDataMap()), false,
        errs);
    return errs;
  }
}
