package windlass.apiserver.registry.core;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.V1;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import windlass.apiserver.registry.BaseStrategy;
import windlass.client.FieldError;
import windlass.client.Kinds;
import windlass.client.validation.NameFormats;

/** ConfigMaps as upstream: DNS-1123 subdomain names, config keys, 1 MiB of data, {@code immutable}. */
public final class ConfigMapStrategy extends BaseStrategy<V1.ConfigMap> {
  public ConfigMapStrategy() {
    super(Kinds.CONFIG_MAP, V1.ConfigMap.class, NameFormats::dns1123Subdomain);
  }

  @Override
  protected List<FieldError> check(V1.ConfigMap cm) {
    List<FieldError> errs = new ArrayList<>();
    ConfigKeys.checkKeys(cm.getDataMap(), "data", errs);
    for (String key : new java.util.TreeSet<>(cm.getDataMap().keySet())) {
      if (cm.containsBinaryData(key)) {
        errs.add(FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
      }
    }
    ConfigKeys.checkKeys(cm.getBinaryDataMap(), "binaryData", errs);
    long size = 0;
    for (String v : cm.getDataMap().values()) {
      size += v.getBytes(StandardCharsets.UTF_8).length;
    }
    for (ByteString v : cm.getBinaryDataMap().values()) {
      size += v.size();
    }
    if (size > ConfigKeys.MAX_SIZE) {
      errs.add(new FieldError(FieldError.Type.TOO_LONG, "", null,
          "must have at most " + ConfigKeys.MAX_SIZE + " bytes"));
    }
    return errs;
  }

  @Override
  protected List<FieldError> checkUpdate(V1.ConfigMap cm, V1.ConfigMap old) {
    List<FieldError> errs = new ArrayList<>();
    ConfigKeys.checkImmutable(old.getImmutable(), cm.getImmutable(), !cm.getDataMap().equals(old.getDataMap()),
        !cm.getBinaryDataMap().equals(old.getBinaryDataMap()), errs);
    return errs;
  }
}
