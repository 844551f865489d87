package windlass.apiserver.registry;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import windlass.apiserver.storage.KeyValue;
import windlass.client.ApiException;
import windlass.client.Kind;
import windlass.client.ObjectMetas;

/**
 * How objects are stored: the upstream protobuf encoding with metadata.resourceVersion left out (the store's revision
 * is the resourceVersion, filled in on every read).
 */
public final class StorageCodec {
  private StorageCodec() {}

  public static byte[] encode(Message obj) {
    Message plain = ObjectMetas.of(obj).getResourceVersion().isEmpty() ? obj : withResourceVersion(obj, 0);
    byte[] bytes = plain.toByteArray();
    if (bytes.length > ApiErrors.MAX_OBJECT_BYTES) {
      throw ApiErrors.tooLarge();
    }
    return bytes;
  }

  public static Message decode(Kind kind, KeyValue kv) {
    try {
      Message m = kind.defaultInstance().getParserForType().parseFrom(kv.value());
      return withResourceVersion(m, kv.modRevision());
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.internal("stored " + kind.kind() + " at " + kv.key() + " is corrupt: " + e.getMessage());
    }
  }

  /** The object with metadata.resourceVersion set to {@code revision} (cleared for 0). */
  public static <T extends Message> T withResourceVersion(T obj, long revision) {
    ObjectMeta m = ObjectMetas.of(obj);
    ObjectMeta.Builder b = m.toBuilder();
    if (revision == 0) {
      b.clearResourceVersion();
    } else {
      b.setResourceVersion(Long.toString(revision));
    }
    return ObjectMetas.with(obj, b.build());
  }
}
