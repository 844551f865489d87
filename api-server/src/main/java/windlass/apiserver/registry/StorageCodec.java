package windlass.apiserver.registry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.util.Arrays;
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

  /**
   * The wire form of {@code stored} (bytes {@link #encode} made) read back at {@code revision}, without encoding the
   * object again: the stored bytes followed by a metadata holding only resourceVersion. Protobuf merges a repeated
   * embedded message field, so this parses to exactly the object {@link #withResourceVersion} gives.
   */
  public static ByteString wire(Message type, byte[] stored, long revision) {
    FieldDescriptor metadata = type.getDescriptorForType().findFieldByName("metadata");
    byte[] tail = type.newBuilderForType().setField(metadata,
        ObjectMeta.newBuilder().setResourceVersion(Long.toString(revision)).build()).build().toByteArray();
    byte[] out = Arrays.copyOf(stored, stored.length + tail.length);
    System.arraycopy(tail, 0, out, stored.length, tail.length);
    return UnsafeByteOperations.unsafeWrap(out);
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
